import Foundation
import SunlightContract
import SunlightStorage

/// Records as JSON objects: field names as the contract spells them, dates as ISO strings,
/// money as yuan strings with two decimals (exact; never floating point), booleans as JSON
/// booleans, empty values as null.
enum RecordJSON {
    static func object(_ stored: StoredRecord, dataset: Dataset) -> [String: Any] {
        var object: [String: Any] = ["id": stored.id, "created_at": stored.createdAt, "updated_at": stored.updatedAt,
                                     "attributes": stored.record.attributes]
        for field in dataset.fields {
            switch stored.record[field.name] {
            case .null: object[field.name] = NSNull()
            case .text(let text): object[field.name] = text
            case .bool(let flag): object[field.name] = flag
            case .integer(let number):
                if case .money = field.type { object[field.name] = stored.record[field.name].display(as: field.type) }
                else { object[field.name] = number }
            }
        }
        return object
    }

    /// Reads a JSON object body into field texts; unknown names are an error naming them.
    static func input(_ data: Data, dataset: Dataset) throws -> [String: String] {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw WebError.badRequest("json.invalid", zh: "请求体不是 JSON 对象", en: "the body is not a JSON object")
        }
        let known = Set(dataset.fields.map(\.name))
        let ignored: Set<String> = ["id", "created_at", "updated_at", "attributes"]
        let unknown = object.keys.filter { !known.contains($0) && !ignored.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw WebError.badRequest("fields.unknown", zh: "未知字段：" + unknown.joined(separator: "、"),
                                      en: "unknown fields: " + unknown.joined(separator: ", "),
                                      details: unknown.map { ["field": $0] })
        }
        var input: [String: String] = [:]
        for (name, value) in object where known.contains(name) {
            switch value {
            case is NSNull: input[name] = ""
            case let text as String: input[name] = text
            case let number as NSNumber:
                if JSONBool.isBool(number) { input[name] = number.boolValue ? "true" : "false" }
                else { input[name] = number.stringValue }
            default:
                throw WebError.badRequest("field.type", zh: "字段 \(name) 的类型不正确", en: "field \(name) has the wrong type",
                                          details: [["field": name]])
            }
        }
        return input
    }

    static func validationError(_ errors: [CellError]) -> WebError {
        WebError(status: .unprocessableContent, code: "validation", messageZh: "数据校验未通过", messageEn: "validation failed",
                 details: errors.map { ["field": $0.column, "value": $0.value, "code": $0.code,
                                        "message_zh": $0.messageZh, "message_en": $0.messageEn] })
    }
}

/// JSON booleans arrive as NSNumber; only their class tells them from the numbers 0 and 1.
enum JSONBool {
    private static let booleanType = type(of: NSNumber(value: true))

    static func isBool(_ value: Any) -> Bool { type(of: value) == booleanType }
}
