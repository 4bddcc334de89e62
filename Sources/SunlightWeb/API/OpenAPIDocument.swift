import Foundation
import SunlightContract
import SunlightStorage

/// The OpenAPI 3.1 description of `/api/v1`, generated from the same data contract the
/// handlers use, so the document and the implementation cannot drift apart.
///
/// The document says exactly what the server accepts and answers (checked by
/// `scripts/schemathesis.sh`): every status a route can give, request schemas with the
/// contract's maxima, required fields and closed objects, and the refusals as
/// `{"error": …}`. What a schema cannot say — an ID number's check character, a key that
/// already exists — is named by a `format` (`gb11643`, `gb32100`) or answered 409.
enum OpenAPIDocument {
    static func schemaName(_ dataset: Dataset) -> String {
        dataset.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    // MARK: Records as the API returns them

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

    // MARK: Records as the API takes them (`RecordJSON.input`, then `FieldParser`)

    /// White space as the server trims it (`TextFolding`: Unicode White_Space, the byte-order
    /// mark and the zero-width characters), for regular-expression character classes.
    static let trimmed = "\\t\\n\\u000B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200D\\u2028\\u2029\\u202F\\u205F\\u2060\\u3000\\uFEFF"
    /// Matches a string with something left after trimming.
    static let nonBlank = "[^\(trimmed)]"
    /// Matches a string with nothing left after trimming (the empty string too).
    static let blank = "^[\(trimmed)]*$"

    /// What `format: gb11643` means (`ResidentID.parse`).
    static let residentIDFormat = "a resident ID (GB 11643): 17 digits and the right check character (0-9 or X), a real birth date "
        + "from 1900-01-01 to today in digits 7-14; a 15-digit legacy number is upgraded"

    /// A field's value when it is given (not null, not blank): what `FieldParser` accepts for
    /// its type, as JSON. Text takes strings, numbers and booleans (their text is stored);
    /// typed fields take their spelled-out form.
    static func inputValueSchema(_ field: Field) -> [String: Any] {
        let schema: [String: Any]
        switch field.type {
        case .text:
            schema = ["type": ["string", "number", "boolean"], "maxLength": field.maxLength, "pattern": nonBlank]
        case .enumeration(let options):
            schema = ["type": "string", "enum": options.map(\.code) + options.map(\.labelZh),
                      "description": "the code, or its Chinese label"]
        case .idNumber:
            // Format only, no pattern: a fuzzer given a pattern draws from it and ignores the format.
            schema = ["type": "string", "format": "gb11643", "description": residentIDFormat]
        case .idNumberLenient:
            schema = ["type": ["string", "number", "boolean"], "maxLength": field.maxLength, "pattern": nonBlank,
                      "description": "a resident ID, kept as written even when invalid"]
        case .uscc:
            schema = ["type": "string", "format": "gb32100",
                      "description": "a unified social credit code (GB 32100): 18 characters of 0-9 and A-Z without I, O, S, V "
                          + "and Z (lower case is upper-cased), the last the check character"]
        case .bool:
            return ["anyOf": [["type": "boolean"], ["enum": [0, 1]],
                              ["type": "string", "pattern": "^([Yy]([Ee][Ss])?|[Nn][Oo]?|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[01]|是|否)$"]],
                    "description": "true/false, 1/0, yes/no, y/n or 是/否"]
        case .date:
            schema = ["type": "string", "format": "date",
                      "description": "YYYY-MM-DD (years 0001–9999); 2001/2/3, 2001.2.3, 20010203 and 2001年2月3日 are read too"]
        case .decimal:
            schema = ["type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?%?$", "maxLength": field.maxLength,
                      "description": "a number of at least 0, written out (never floating point): 12.5 or 12.5%"]
        default:
            // Money, integers, instants and months belong to import-only datasets, which the
            // API does not write.
            schema = ["type": "string", "maxLength": field.maxLength, "pattern": nonBlank]
        }
        return schema
    }

    /// A field as an input property: its value, or (when the field may be empty) null or a
    /// blank string, both stored as empty.
    static func inputFieldSchema(_ field: Field, mustHaveValue: Bool) -> [String: Any] {
        var value = inputValueSchema(field)
        let description = [field.aliasZh, value["description"] as? String].compactMap { $0 }.joined(separator: " — ")
        value["description"] = nil
        if mustHaveValue { return value.merging(["description": description]) { $1 } }
        if case .text = field.type {
            value["type"] = ["string", "number", "boolean", "null"]
            value["pattern"] = nil
            return value.merging(["description": description]) { $1 }
        }
        return ["anyOf": [value, ["type": "null"], ["type": "string", "pattern": blank]], "description": description]
    }

    /// Keys a client may send back from a record it read: ignored on input.
    static let ignoredInputKeys = ["id", "created_at", "updated_at", "attributes"]

    /// `POST` and `PUT` (`partial == false`): every field the dataset must have is required.
    /// `PATCH` (`partial == true`): any subset, none of them null or blank where a value is required.
    static func inputSchema(_ dataset: Dataset, partial: Bool = false) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in dataset.fields {
            properties[field.name] = inputFieldSchema(field, mustHaveValue: dataset.mustHaveValue(field))
        }
        for key in ignoredInputKeys { properties[key] = ["description": "read-only: ignored on input"] }
        var schema: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        if partial { return schema }
        schema["required"] = dataset.fields.filter { dataset.mustHaveValue($0) }.map(\.name)
        let groups = dataset.alternativeKeyGroups
        if !groups.isEmpty {
            // One of the group must be given (`required_one_of`): each alternative with a value.
            schema["allOf"] = groups.map { group in
                ["anyOf": group.compactMap { name in dataset.field(named: name).map { field in
                    ["required": [name], "properties": [name: inputValueSchema(field)]] as [String: Any]
                } }]
            }
        }
        return schema
    }

    // MARK: Shared parts

    static var errorSchema: [String: Any] { [
        "type": "object", "required": ["error"], "additionalProperties": false,
        "properties": ["error": [
            "type": "object", "required": ["code", "message_zh", "message_en", "details"], "additionalProperties": false,
            "properties": ["code": ["type": "string"], "message_zh": ["type": "string"], "message_en": ["type": "string"],
                           "details": ["type": "array", "items": ["type": "object"]]],
        ]],
    ] }

    static func errorResponse(_ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
    }

    /// Error answers keyed by status.
    static func errors(_ list: [(Int, String)]) -> [String: Any] {
        Dictionary(uniqueKeysWithValues: list.map { (String($0.0), errorResponse($0.1)) })
    }

    static let unauthorized = (401, "not signed in (no or unknown token)")
    static let forbidden = (403, "the role may not do this, or the record is outside the caller's units")
    static let tooLarge = (413, "the body is over the limit")

    static func jsonBody(_ schema: String) -> [String: Any] {
        ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]]]
    }

    static func json(_ description: String, _ schema: [String: Any]) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    /// Record ids are whole numbers; any other id names no record (404).
    static var idParameter: [String: Any] { ["name": "id", "in": "path", "required": true,
                                             "schema": ["type": "integer", "format": "int64"]] }

    // MARK: The document

    /// The whole document: the shared parts here, each capability's paths and schemas from
    /// its `describeAPI`.
    static func document() -> [String: Any] {
        var api = APIDescription(schemas: ["Error": errorSchema])
        for capability in Capabilities.all { capability.describeAPI(&api) }
        let (paths, schemas) = (api.paths, api.schemas)
        return [
            "openapi": "3.1.0",
            "info": ["title": "Sunlight API", "version": "1.0.0",
                     "description": "Registry of units, people, relatives, households, companies and company roles; government datasets; "
                         + "the ledger; and the public reporting API (no account). A method a path does not list answers 405 with Allow."],
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

    /// The registry's and government data's record paths (`RegistryAPI`).
    static func registryPaths(_ api: inout APIDescription) {
        var paths = api.paths
        var schemas = api.schemas
        for dataset in Contract.datasets {
            let name = schemaName(dataset)
            schemas[name] = recordSchema(dataset)
            schemas[name + "Page"] = [
                "type": "object", "required": ["items", "total", "page", "per_page"], "additionalProperties": false,
                "properties": ["items": ["type": "array", "items": ref(name)],
                               "total": ["type": "integer"], "page": ["type": "integer"], "per_page": ["type": "integer"]],
            ]
            let record = json("the record", ref(name))
            var filterParameters: [[String: Any]] = [
                ["name": "q", "in": "query", "schema": ["type": "string"], "description": "name or identifier"],
                ["name": "page", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": Paging.maxPage]],
                ["name": "per_page", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": Paging.maxPerPage]],
            ]
            for field in dataset.fields {
                filterParameters.append(["name": field.name, "in": "query", "schema": ["type": "string"],
                                         "description": "exact value of \(field.name) (empty: no filter)"])
            }
            var collection: [String: Any] = [
                "get": ["operationId": "list_\(dataset.name)", "summary": "List \(dataset.nameEn)", "parameters": filterParameters,
                        "responses": errors([(400, "an unknown filter field, a parameter given twice, or page/per_page not a whole number in range"), unauthorized, forbidden])
                            .merging(["200": json("a page", ref(name + "Page"))]) { $1 }],
            ]
            var item: [String: Any] = [
                "parameters": [idParameter],
                "get": ["operationId": "get_\(dataset.name)",
                        "responses": errors([unauthorized, forbidden, (404, "no such record, or not one the caller may see")])
                            .merging(["200": record]) { $1 }],
            ]
            if !dataset.isImportOnly {
                // Government data is read here and written only by imports (`/api/v1/imports`):
                // writing it answers 405, like any method the document does not list.
                schemas[name + "Input"] = inputSchema(dataset)
                schemas[name + "Patch"] = inputSchema(dataset, partial: true)
                let writeErrors: [(Int, String)] = [
                    (400, "not a JSON object, unknown fields, or a value of the wrong JSON type"), unauthorized, forbidden,
                    (409, "a record with the same key exists, or the unit tree would loop"), tooLarge,
                    (422, "validation failed: each problem in details (field, code, zh/en message)"),
                ]
                collection["post"] = [
                    "operationId": "create_\(dataset.name)", "summary": "Create a record", "requestBody": jsonBody(name + "Input"),
                    "responses": errors(writeErrors).merging(["201": json("created", ref(name))]) { $1 },
                ]
                let itemWriteErrors = writeErrors + [(404, "no such record, or not one the caller may see")]
                item["put"] = [
                    "operationId": "replace_\(dataset.name)", "summary": "Replace a record (fields left out become empty)",
                    "requestBody": jsonBody(name + "Input"),
                    "responses": errors(itemWriteErrors).merging(["200": json("replaced", ref(name))]) { $1 },
                ]
                let patchErrors = itemWriteErrors.map {
                    $0.0 == 409 ? (409, $0.1 + ", or the change leaves a record without the one field of a group it needs "
                                       + "(company roles: holder_id_number or holder_uscc)") : $0
                }
                item["patch"] = [
                    "operationId": "patch_\(dataset.name)", "summary": "Change the fields given",
                    "requestBody": jsonBody(name + "Patch"),
                    "responses": errors(patchErrors).merging(["200": json("changed", ref(name))]) { $1 },
                ]
            }
            paths["/api/v1/\(dataset.pathSegment)"] = collection
            paths["/api/v1/\(dataset.pathSegment)/{id}"] = item
        }
        api.paths = paths
        api.schemas = schemas
    }

    static func importPaths(_ paths: inout [String: Any], _ schemas: inout [String: Any]) {
        let counts = ["rows_read", "inserted", "updated", "unchanged", "deleted", "rejected_rows", "error_count"]
        var reportProperties: [String: Any] = [
            "import_id": ["type": "integer"], "dataset": ["type": "string"], "file_name": ["type": "string"],
            "file_sha256": ["type": "string"], "status": ["type": "string", "enum": ["committed", "committed_with_rejects", "rejected"]],
            "errors": ["type": "array", "items": ["type": "object", "required": ["line", "column", "value", "code", "message_zh", "message_en"]]],
            "file_error": ["type": "object"],
        ]
        for name in counts { reportProperties[name] = ["type": "integer"] }
        schemas["ImportReport"] = [
            "type": "object",
            "required": ["dataset", "file_name", "file_sha256", "status", "rows_read", "inserted", "updated", "unchanged", "deleted",
                         "rejected_rows", "errors", "error_count"],
            "properties": reportProperties,
        ]
        schemas["ImportRecord"] = [
            "type": "object",
            "required": ["import_id", "dataset", "file_name", "file_sha256", "status", "rows_read", "inserted", "updated", "unchanged",
                         "rejected_rows", "errors", "finished_at"],
            "properties": [
                "import_id": ["type": "integer"], "dataset": ["type": "string"], "file_name": ["type": "string"],
                "file_sha256": ["type": "string"], "status": ["type": "string"], "rows_read": ["type": "integer"],
                "inserted": ["type": "integer"], "updated": ["type": "integer"], "unchanged": ["type": "integer"],
                "rejected_rows": ["type": "integer"], "errors": ["type": "array"], "finished_at": ["type": "string"],
            ],
        ]
        let report: [String: Any] = ["content": ["application/json": ["schema": ref("ImportReport")]]]
        paths["/api/v1/imports"] = ["post": [
            "operationId": "import_file", "summary": "Import a dataset file (CSV or XLSX; OCDS JSON with dataset=ocds) sent as the body",
            "parameters": [
                ["name": "dataset", "in": "query", "required": true,
                 "schema": ["type": "string", "enum": Contract.datasets.map(\.name) + ["ocds"]]],
                ["name": "file_name", "in": "query", "schema": ["type": "string"], "description": "the name kept in the import log"],
                ["name": "skip_invalid", "in": "query", "schema": ["type": "boolean"],
                 "description": "commit the valid rows and report the rest (default: all or nothing)"],
            ],
            "requestBody": ["required": true, "content": [
                "application/octet-stream": ["schema": ["type": "string", "format": "binary", "minLength": 1]],
                "multipart/form-data": ["schema": [
                    "type": "object", "required": ["file"],
                    "properties": ["file": ["type": "string", "format": "binary", "minLength": 1],
                                   "skip_invalid": ["type": "string", "enum": ["true", "false"]]]]],
            ]],
            "responses": errors([(400, "no such dataset, no file, a malformed upload or skip_invalid not true/false"), unauthorized,
                                 forbidden, tooLarge])
                .merging(["201": report.merging(["description": "imported"]) { $1 },
                          "422": report.merging(["description": "the file's content was refused; nothing written"]) { $1 }]) { $1 },
        ]]
        paths["/api/v1/imports/{id}"] = ["parameters": [idParameter], "get": [
            "operationId": "get_import",
            "responses": errors([unauthorized, (404, "no such import, or another user's")])
                .merging(["200": json("a recorded import", ref("ImportRecord"))]) { $1 },
        ]]
    }

    static func ledgerPaths(_ paths: inout [String: Any]) {
        let bundle = json("a proof bundle (verifies offline)", ["type": "object"])
        let readerErrors = [unauthorized, (403, "the role may not read the ledger")]
        let range = (404, "no such entry, tree size or signed checkpoint in the ledger")
        paths["/api/v1/ledger/checkpoint"] = ["get": [
            "operationId": "ledger_checkpoint", "summary": "The current signed checkpoint (C2SP tlog-checkpoint signed note)",
            "responses": errors(readerErrors)
                .merging(["200": ["description": "checkpoint text", "content": ["text/plain": ["schema": ["type": "string"]]]]]) { $1 },
        ]]
        paths["/api/v1/ledger/pubkey"] = ["get": [
            "operationId": "ledger_pubkey",
            "responses": errors(readerErrors).merging(["200": json("verifier key", [
                "type": "object", "required": ["vkey", "origin"], "additionalProperties": false,
                "properties": ["vkey": ["type": "string"], "origin": ["type": "string"]]])]) { $1 },
        ]]
        paths["/api/v1/ledger/proof/inclusion"] = ["get": [
            "operationId": "ledger_inclusion_proof",
            "parameters": [["name": "index", "in": "query", "required": true, "schema": ["type": "integer", "minimum": 0, "format": "int64"]],
                           ["name": "size", "in": "query", "schema": ["type": "integer", "minimum": 1, "format": "int64"],
                            "description": "tree size (default: the current one)"]],
            "responses": errors(readerErrors + [(400, "index missing, or index or size not one whole number"), range])
                .merging(["200": bundle]) { $1 },
        ]]
        paths["/api/v1/ledger/proof/consistency"] = ["get": [
            "operationId": "ledger_consistency_proof",
            "parameters": [["name": "from", "in": "query", "required": true, "schema": ["type": "integer", "minimum": 1, "format": "int64"]],
                           ["name": "to", "in": "query", "schema": ["type": "integer", "minimum": 1, "format": "int64"],
                            "description": "newer tree size (default: the current one)"]],
            "responses": errors(readerErrors + [(400, "from missing, or from or to not one whole number"), range])
                .merging(["200": bundle]) { $1 },
        ]]
    }
}
