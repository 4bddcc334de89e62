/// The OpenAPI description of the public reporting API (`PublicReportAPI`): no security, JSON
/// in and out, the receipt code in the path for follow-up.
enum PublicReportSchema {
    static var schemas: [String: Any] { [
        "PublicReportInput": [
            "type": "object", "additionalProperties": false, "required": ["text"],
            "properties": [
                "anonymous": ["type": "boolean", "default": true],
                "reporter": ["type": "object", "additionalProperties": false,
                             "properties": ["name": ["type": "string"], "id_number": ["type": "string"], "phone": ["type": "string"]]],
                "contact": ["type": "string"],
                "subject": ["type": "object", "additionalProperties": false,
                            "properties": ["name": ["type": "string"], "unit": ["type": "string"], "post": ["type": "string"]]],
                "type": ["type": "string", "enum": ["suggestion", "accusation", "claim"], "default": "accusation"],
                "text": ["type": "string", "minLength": 10, "maxLength": 20000],
                "when": ["type": "string"],
                "attachments": ["$ref": "#/components/schemas/PublicAttachments"],
            ] as [String: Any],
        ],
        "PublicAttachments": [
            "type": "array", "maxItems": 5,
            "items": ["type": "object", "additionalProperties": false, "required": ["name", "data_base64"],
                      "properties": ["name": ["type": "string"], "content_type": ["type": "string"], "data_base64": ["type": "string"]]],
        ],
        "PublicReportReceipt": [
            "type": "object", "additionalProperties": false, "required": ["receipt", "reference", "received_on", "status"],
            "properties": ["receipt": ["type": "string", "description": "16 digits in groups of four; shown only in this response"],
                           "reference": ["type": "string"], "received_on": ["type": "string", "format": "date"],
                           "status": ["type": "string"]],
        ],
        "PublicReportStatus": [
            "type": "object", "additionalProperties": false,
            "required": ["reference", "received_on", "status", "status_zh", "status_en", "messages", "files"],
            "properties": [
                "reference": ["type": "string"], "received_on": ["type": "string", "format": "date"],
                "status": ["type": "string", "enum": ["received", "accepted", "in_progress", "concluded"]],
                "status_zh": ["type": "string"], "status_en": ["type": "string"],
                "messages": ["type": "array", "items": [
                    "type": "object", "additionalProperties": false, "required": ["at", "author", "text"],
                    "properties": ["at": ["type": "string"], "author": ["type": "string", "enum": ["reporter", "handler"]],
                                   "text": ["type": "string"]]]],
                "files": ["type": "array", "items": [
                    "type": "object", "additionalProperties": false, "required": ["id", "name", "size", "at", "author"],
                    "properties": ["id": ["type": "integer"], "name": ["type": "string"], "size": ["type": "integer"],
                                   "at": ["type": "string"], "author": ["type": "string"]]]],
            ] as [String: Any],
        ],
        "PublicMessageInput": [
            "type": "object", "additionalProperties": false,
            "properties": ["text": ["type": "string"], "attachments": ["$ref": "#/components/schemas/PublicAttachments"]],
        ],
    ] }

    static func paths(error: (String) -> [String: Any]) -> [String: Any] {
        func json(_ schema: String) -> [String: Any] { ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]] }
        let receipt: [String: Any] = ["name": "receipt", "in": "path", "required": true,
                                      "schema": ["type": "string"], "description": "the 16-digit receipt code (spaces allowed)"]
        return [
            "/api/v1/public/reports": ["post": [
                "operationId": "public_report_create", "summary": "File a report (no account); returns the receipt code once",
                "security": [[String: Any]](), "requestBody": ["required": true, "content": json("PublicReportInput")],
                "responses": ["201": ["description": "received", "content": json("PublicReportReceipt")],
                              "400": error("malformed JSON or unknown fields"), "422": error("invalid report"),
                              "429": error("rate limited")],
            ] as [String: Any]],
            "/api/v1/public/reports/{receipt}": ["parameters": [receipt], "get": [
                "operationId": "public_report_status", "summary": "Status and messages of the report this receipt code opens",
                "security": [[String: Any]](),
                "responses": ["200": ["description": "the report as its reporter sees it", "content": json("PublicReportStatus")],
                              "404": error("wrong code or no such report"), "429": error("rate limited")],
            ] as [String: Any]],
            "/api/v1/public/reports/{receipt}/messages": ["parameters": [receipt], "post": [
                "operationId": "public_report_message", "summary": "Add information (text and/or files) to the report",
                "security": [[String: Any]](), "requestBody": ["required": true, "content": json("PublicMessageInput")],
                "responses": ["201": ["description": "added; the updated view", "content": json("PublicReportStatus")],
                              "400": error("malformed JSON or unknown fields"), "404": error("wrong code or no such report"),
                              "422": error("empty or too long"), "429": error("rate limited")],
            ] as [String: Any]],
        ]
    }
}
