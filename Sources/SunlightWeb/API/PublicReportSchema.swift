import SunlightReports
import SunlightStorage

/// The OpenAPI description of the public reporting API (`PublicReportAPI`): no security, JSON
/// in and out, the receipt code in the path for follow-up.
///
/// The schemas say what `ReportSubmission.validated()` and the API accept: lengths after
/// trimming (`ReportSubmission.maxFieldLength`, `minTextLength`, `maxTextLength`), a subject
/// named by person or unit, and for a real-name report a name and a phone or contact.
enum PublicReportSchema {
    /// White space as `ReportSubmission` trims it (`CharacterSet.whitespacesAndNewlines`: the
    /// Z categories, tab, line breaks and U+0085; zero-width characters are kept).
    static let trimmed = "\\t\\n\\u000B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
    static let nonBlank = "[^\(trimmed)]"
    static let blank = "^[\(trimmed)]*$"

    static func short(_ description: String? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "string", "maxLength": ReportSubmission.maxFieldLength]
        if let description { schema["description"] = description }
        return schema
    }

    static func given(_ name: String) -> [String: Any] {
        ["required": [name], "properties": [name: ["pattern": nonBlank]]]
    }

    /// Base64 of at most `IncomingFile.maxBytes`, padded, without line breaks.
    static let maxBase64Length = (IncomingFile.maxBytes + 2) / 3 * 4

    static var schemas: [String: Any] { [
        "PublicReportInput": [
            "type": "object", "additionalProperties": false, "required": ["text", "subject", "challenge"],
            "properties": [
                "challenge": ["type": "object", "additionalProperties": false, "required": ["token", "answer"],
                              "properties": ["token": ["type": "string", "maxLength": PublicReportAPI.maxChallengeToken],
                                             "answer": ["type": "string", "maxLength": PublicReportAPI.maxChallengeAnswer]],
                              "description": "the check question from GET /api/v1/public/challenge, answered in digits (single use; "
                                  + "no sooner than its answer_after_seconds, within two hours)"],
                "anonymous": ["type": "boolean", "default": true,
                              "description": "true (the default): no identity is kept; false: a real-name report"],
                "reporter": ["type": "object", "additionalProperties": false,
                             "properties": ["name": short(), "id_number": ["type": "string", "description": "resident ID (real-name reports)"],
                                            "phone": short()]],
                "contact": short("an address or e-mail for follow-up"),
                "subject": ["type": "object", "additionalProperties": false,
                            "properties": ["name": short(), "unit": short(), "post": short()],
                            "anyOf": [given("name"), given("unit")],
                            "description": "the person reported: a name or a unit at least"],
                "type": ["type": "string", "enum": ["suggestion", "accusation", "claim"], "default": "accusation"],
                "text": ["type": "string", "minLength": ReportSubmission.minTextLength, "maxLength": ReportSubmission.maxTextLength,
                         "pattern": "\(nonBlank)[\\s\\S]{\(ReportSubmission.minTextLength - 2),}\(nonBlank)",
                         "description": "what happened: \(ReportSubmission.minTextLength) to \(ReportSubmission.maxTextLength) characters after trimming"],
                "when": short("when it happened, in the reporter's words"),
                "attachments": ["$ref": "#/components/schemas/PublicAttachments"],
            ] as [String: Any],
            // Anonymous (the default), or real-name with a name, a valid ID number or none, and a phone or contact.
            "anyOf": [
                ["properties": ["anonymous": ["const": true]]],
                ["required": ["anonymous", "reporter"],
                 "properties": [
                    "anonymous": ["const": false],
                    "reporter": ["required": ["name"], "properties": [
                        "name": ["pattern": nonBlank],
                        "id_number": ["anyOf": [["type": "string", "format": "gb11643", "description": OpenAPIDocument.residentIDFormat],
                                                ["type": "string", "pattern": blank]]],
                    ]],
                 ],
                 "anyOf": [["required": ["reporter"], "properties": ["reporter": given("phone")]], given("contact")]] as [String: Any],
            ],
        ],
        "PublicAttachments": [
            "type": "array", "maxItems": IncomingFile.maxFiles,
            "items": ["type": "object", "additionalProperties": false, "required": ["name", "data_base64"],
                      "properties": ["name": ["type": "string"], "content_type": ["type": "string"],
                                     "data_base64": ["type": "string", "contentEncoding": "base64", "maxLength": maxBase64Length,
                                                     "pattern": "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
                                                     "description": "the file in base64 (padded, no line breaks), at most \(IncomingFile.maxBytes >> 20) MiB"]]],
        ],
        "PublicChallenge": [
            "type": "object", "additionalProperties": false, "required": ["token", "question_zh", "question_en", "answer_after_seconds"],
            "properties": ["token": ["type": "string"], "question_zh": ["type": "string"], "question_en": ["type": "string"],
                           "answer_after_seconds": ["type": "integer"]],
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
            "properties": ["text": ["type": "string", "maxLength": ReportSubmission.maxTextLength],
                           "attachments": ["$ref": "#/components/schemas/PublicAttachments"]],
            "anyOf": [given("text"), ["required": ["attachments"], "properties": ["attachments": ["minItems": 1]]]],
            "description": "text, files or both",
        ],
    ] }

    static func paths(error: (String) -> [String: Any]) -> [String: Any] {
        func json(_ schema: String) -> [String: Any] { ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]] }
        let receipt: [String: Any] = ["name": "receipt", "in": "path", "required": true,
                                      "schema": ["type": "string"], "description": "the 16-digit receipt code (spaces and dashes allowed)"]
        let limited = error("rate limited (per client: \(PortalGuard.submissions.count) reports an hour, "
                            + "\(PortalGuard.lookups.count) receipt uses in 15 minutes)")
        let tooLarge = error("the body is over \(PublicReportAPI.bodyLimit >> 20) MiB")
        return [
            "/api/v1/public/challenge": ["get": [
                "operationId": "public_challenge", "summary": "A check question a report must answer (as the portal form's)",
                "security": [[String: Any]](),
                "responses": ["200": ["description": "the question and its signed token", "content": json("PublicChallenge")], "429": limited],
            ] as [String: Any]],
            "/api/v1/public/reports": ["post": [
                "operationId": "public_report_create", "summary": "File a report (no account); returns the receipt code once",
                "security": [[String: Any]](), "requestBody": ["required": true, "content": json("PublicReportInput")],
                "responses": ["201": ["description": "received", "content": json("PublicReportReceipt")],
                              "400": error("not a JSON object, unknown fields, or a value of the wrong JSON type"),
                              "413": tooLarge, "422": error("invalid report (each problem in details), or the check question unanswered, wrong, too soon or expired"),
                              "429": limited],
            ] as [String: Any]],
            "/api/v1/public/reports/{receipt}": ["parameters": [receipt], "get": [
                "operationId": "public_report_status", "summary": "Status and messages of the report this receipt code opens",
                "security": [[String: Any]](),
                "responses": ["200": ["description": "the report as its reporter sees it", "content": json("PublicReportStatus")],
                              "404": error("wrong code or no such report"), "429": limited],
            ] as [String: Any]],
            "/api/v1/public/reports/{receipt}/messages": ["parameters": [receipt], "post": [
                "operationId": "public_report_message", "summary": "Add information (text and/or files) to the report",
                "security": [[String: Any]](), "requestBody": ["required": true, "content": json("PublicMessageInput")],
                "responses": ["201": ["description": "added; the updated view", "content": json("PublicReportStatus")],
                              "400": error("not a JSON object, unknown fields, or a value of the wrong JSON type"),
                              "404": error("wrong code or no such report"), "413": tooLarge,
                              "422": error("empty, too long, or too many or too large files"), "429": limited],
            ] as [String: Any]],
        ]
    }
}
