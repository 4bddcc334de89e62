import Foundation
import SunlightContract

/// The OpenAPI 3.1 description of `/api/v1`, generated from the same data contract the
/// handlers use, so the document and the implementation cannot drift apart.
enum OpenAPIDocument {
    static func schemaName(_ dataset: Dataset) -> String {
        dataset.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func fieldSchema(_ field: Field, nullable: Bool) -> [String: Any] {
        var schema: [String: Any]
        switch field.type {
        case .bool: schema = ["type": nullable ? ["boolean", "null"] : "boolean"]
        case .integer: schema = ["type": nullable ? ["integer", "null"] : "integer"]
        case .date: schema = ["type": nullable ? ["string", "null"] : "string", "format": "date"]
        case .money: schema = ["type": nullable ? ["string", "null"] : "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$",
                               "description": "yuan with two decimals"]
        case .enumeration(let options):
            schema = ["type": nullable ? ["string", "null"] : "string", "enum": options.map(\.code) + (nullable ? [NSNull()] : [])]
        default: schema = ["type": nullable ? ["string", "null"] : "string"]
        }
        schema["description"] = field.aliasZh
        return schema
    }

    static func recordSchema(_ dataset: Dataset) -> [String: Any] {
        var properties: [String: Any] = [
            "id": ["type": "integer"], "created_at": ["type": "string"], "updated_at": ["type": "string"],
            "attributes": ["type": "object", "additionalProperties": ["type": "string"]],
        ]
        for field in dataset.fields { properties[field.name] = fieldSchema(field, nullable: !dataset.mustHaveValue(field)) }
        return ["type": "object", "properties": properties,
                "required": ["id", "created_at", "updated_at", "attributes"] + dataset.fields.map(\.name),
                "additionalProperties": false]
    }

    static func inputSchema(_ dataset: Dataset) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in dataset.fields {
            properties[field.name] = ["description": field.aliasZh, "type": ["string", "number", "boolean", "null"]]
        }
        return ["type": "object", "properties": properties, "required": dataset.fields.filter { dataset.mustHaveValue($0) }.map(\.name),
                "additionalProperties": false]
    }

    static var errorSchema: [String: Any] { [
        "type": "object", "required": ["error"], "additionalProperties": false,
        "properties": ["error": [
            "type": "object", "required": ["code", "message_zh", "message_en", "details"],
            "properties": ["code": ["type": "string"], "message_zh": ["type": "string"], "message_en": ["type": "string"],
                           "details": ["type": "array", "items": ["type": "object"]]],
        ]],
    ] }

    static func errorResponse(_ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
    }

    static func document() -> [String: Any] {
        var paths: [String: Any] = [:]
        var schemas: [String: Any] = ["Error": errorSchema]
        let idParameter: [String: Any] = ["name": "id", "in": "path", "required": true, "schema": ["type": "integer"]]
        for dataset in Contract.datasets {
            let name = schemaName(dataset)
            schemas[name] = recordSchema(dataset)
            schemas[name + "Input"] = inputSchema(dataset)
            schemas[name + "Page"] = [
                "type": "object", "required": ["items", "total", "page", "per_page"], "additionalProperties": false,
                "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/\(name)"]],
                               "total": ["type": "integer"], "page": ["type": "integer"], "per_page": ["type": "integer"]],
            ]
            let record: [String: Any] = ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(name)"]]]]
            let input: [String: Any] = ["required": true,
                                        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(name)Input"]]]]
            var filterParameters: [[String: Any]] = [
                ["name": "q", "in": "query", "schema": ["type": "string"], "description": "name or identifier"],
                ["name": "page", "in": "query", "schema": ["type": "integer", "minimum": 1]],
                ["name": "per_page", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": 500]],
            ]
            for field in dataset.fields { filterParameters.append(["name": field.name, "in": "query", "schema": ["type": "string"]]) }
            if dataset.isImportOnly {
                // Government data: read here, written only by imports (`/api/v1/imports`).
                paths["/api/v1/\(dataset.pathSegment)"] = [
                    "get": ["operationId": "list_\(dataset.name)", "summary": "List \(dataset.nameEn)", "parameters": filterParameters,
                            "responses": ["200": ["description": "a page", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(name)Page"]]]],
                                          "400": errorResponse("bad query"), "401": errorResponse("not signed in"), "403": errorResponse("forbidden")]],
                ]
                paths["/api/v1/\(dataset.pathSegment)/{id}"] = [
                    "parameters": [idParameter],
                    "get": ["operationId": "get_\(dataset.name)", "responses": ["200": record.merging(["description": "the record"]) { $1 },
                                                                                 "404": errorResponse("no such record")]],
                ]
                continue
            }
            paths["/api/v1/\(dataset.pathSegment)"] = [
                "get": ["operationId": "list_\(dataset.name)", "summary": "List \(dataset.nameEn)", "parameters": filterParameters,
                        "responses": ["200": ["description": "a page", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(name)Page"]]]],
                                      "400": errorResponse("bad query"), "401": errorResponse("not signed in"), "403": errorResponse("forbidden")]],
                "post": ["operationId": "create_\(dataset.name)", "summary": "Create a record", "requestBody": input,
                         "responses": ["201": record.merging(["description": "created"]) { $1 },
                                       "400": errorResponse("unknown fields or malformed JSON"), "401": errorResponse("not signed in"),
                                       "403": errorResponse("forbidden"), "422": errorResponse("validation failed")]],
            ]
            paths["/api/v1/\(dataset.pathSegment)/{id}"] = [
                "parameters": [idParameter],
                "get": ["operationId": "get_\(dataset.name)", "responses": ["200": record.merging(["description": "the record"]) { $1 },
                                                                             "404": errorResponse("no such record")]],
                "put": ["operationId": "replace_\(dataset.name)", "requestBody": input,
                        "responses": ["200": record.merging(["description": "replaced"]) { $1 }, "400": errorResponse("bad input"),
                                      "404": errorResponse("no such record"), "422": errorResponse("validation failed")]],
                "patch": ["operationId": "patch_\(dataset.name)",
                          "requestBody": ["required": true, "content": ["application/json": ["schema": ["type": "object"]]]],
                          "responses": ["200": record.merging(["description": "changed"]) { $1 }, "400": errorResponse("bad input"),
                                        "404": errorResponse("no such record"), "422": errorResponse("validation failed")]],
            ]
        }
        schemas["ImportReport"] = [
            "type": "object",
            "required": ["dataset", "file_name", "file_sha256", "status", "rows_read", "inserted", "updated", "unchanged", "deleted",
                         "rejected_rows", "errors", "error_count"],
            "properties": [
                "import_id": ["type": "integer"], "dataset": ["type": "string"], "file_name": ["type": "string"],
                "file_sha256": ["type": "string"], "status": ["type": "string", "enum": ["committed", "committed_with_rejects", "rejected"]],
                "deleted": ["type": "integer"],
                "rows_read": ["type": "integer"], "inserted": ["type": "integer"], "updated": ["type": "integer"],
                "unchanged": ["type": "integer"], "rejected_rows": ["type": "integer"], "error_count": ["type": "integer"],
                "errors": ["type": "array", "items": ["type": "object", "required": ["line", "column", "value", "code", "message_zh", "message_en"]]],
                "file_error": ["type": "object"],
            ],
        ]
        paths["/api/v1/imports"] = ["post": [
            "operationId": "import_file", "summary": "Import a dataset file (CSV or XLSX) sent as the body",
            "parameters": [["name": "dataset", "in": "query", "required": true, "schema": ["type": "string", "enum": Contract.datasets.map(\.name) + ["ocds"]]],
                           ["name": "file_name", "in": "query", "schema": ["type": "string"]],
                           ["name": "skip_invalid", "in": "query", "schema": ["type": "boolean"]]],
            "requestBody": ["required": true, "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]],
                                                          "multipart/form-data": ["schema": ["type": "object"]]]],
            "responses": ["201": ["description": "imported", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/ImportReport"]]]],
                          "422": ["description": "rejected; nothing written", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/ImportReport"]]]],
                          "400": errorResponse("bad request"), "413": errorResponse("file too large")],
        ]]
        paths["/api/v1/imports/{id}"] = ["parameters": [idParameter], "get": [
            "operationId": "get_import", "responses": ["200": ["description": "a recorded import"], "404": errorResponse("no such import")],
        ]]
        let bundle: [String: Any] = ["content": ["application/json": ["schema": ["type": "object"]]]]
        paths["/api/v1/ledger/checkpoint"] = ["get": [
            "operationId": "ledger_checkpoint", "summary": "The current signed checkpoint (C2SP tlog-checkpoint signed note)",
            "responses": ["200": ["description": "checkpoint text", "content": ["text/plain": ["schema": ["type": "string"]]]],
                          "403": errorResponse("forbidden")],
        ]]
        paths["/api/v1/ledger/pubkey"] = ["get": [
            "operationId": "ledger_pubkey",
            "responses": ["200": ["description": "verifier key", "content": ["application/json": ["schema": [
                "type": "object", "required": ["vkey", "origin"],
                "properties": ["vkey": ["type": "string"], "origin": ["type": "string"]]]]]]],
        ]]
        paths["/api/v1/ledger/proof/inclusion"] = ["get": [
            "operationId": "ledger_inclusion_proof",
            "parameters": [["name": "index", "in": "query", "required": true, "schema": ["type": "integer", "minimum": 0]],
                           ["name": "size", "in": "query", "schema": ["type": "integer", "minimum": 1]]],
            "responses": ["200": bundle.merging(["description": "inclusion proof bundle"]) { $1 }, "400": errorResponse("out of range")],
        ]]
        paths["/api/v1/ledger/proof/consistency"] = ["get": [
            "operationId": "ledger_consistency_proof",
            "parameters": [["name": "from", "in": "query", "required": true, "schema": ["type": "integer", "minimum": 1]],
                           ["name": "to", "in": "query", "schema": ["type": "integer", "minimum": 1]]],
            "responses": ["200": bundle.merging(["description": "consistency proof bundle"]) { $1 }, "400": errorResponse("out of range")],
        ]]
        for (path, item) in PublicReportSchema.paths(error: errorResponse) { paths[path] = item }
        for (name, schema) in PublicReportSchema.schemas { schemas[name] = schema }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Sunlight API", "version": "1.0.0",
                     "description": "Registry of units, people, relatives, households, companies and company roles; government datasets; the ledger; and the public reporting API (no account)."],
            "servers": [["url": "/"]],
            "security": [["bearer": [String]()], ["session": [String]()]],
            "paths": paths,
            "components": [
                "schemas": schemas,
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "sunlight token create --user NAME"],
                    "session": ["type": "apiKey", "in": "cookie", "name": "sl_session"],
                ],
            ],
        ]
    }
}
