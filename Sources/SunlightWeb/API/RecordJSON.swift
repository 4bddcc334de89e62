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
                else if case .decimal = dataset.field(named: name)?.type {
                    // A JSON number is a binary float by the time it is read (0.1 is not 0.1, and
                    // 1e-7 would print as an exponent): decimals are written out, as strings.
                    throw WebError.badRequest("field.type", zh: "字段 \(name) 应为写出的数字字符串（如 \"12.5\"）",
                                              en: "field \(name) must be a number written as a string (such as \"12.5\")",
                                              details: [["field": name]])
                }
                else { input[name] = JSONNumberText.text(number) }
            default:
                throw WebError.badRequest("field.type", zh: "字段 \(name) 的类型不正确", en: "field \(name) has the wrong type",
                                          details: [["field": name]])
            }
        }
        return input
    }

    /// Refusals that are about what is stored, not about the input: a record with the same key,
    /// a unit tree that would loop, an officer's own unit moved. The API answers them 409.
    static let conflictCodes: Set<String> = ["key.duplicate", "key.immutable", WriteRefusal.cycle.rawValue, WriteRefusal.ownUnitMoved.rawValue]

    /// 422 with each problem in `details`; 409 when every problem is a conflict with what is
    /// stored (`conflictCodes`, plus `alsoConflicts`: for PATCH, `required_one_of`, since a
    /// change clearing one holder field is refused only because the stored record has no other).
    static func validationError(_ errors: [CellError], alsoConflicts: Set<String> = []) -> WebError {
        if !errors.isEmpty, errors.allSatisfy({ conflictCodes.contains($0.code) || alsoConflicts.contains($0.code) }) {
            return WebError(status: .conflict, code: "conflict", messageZh: "与已有数据冲突", messageEn: "conflicts with stored data",
                            details: errors.map { ["field": $0.column, "value": $0.value, "code": $0.code,
                                                   "message_zh": $0.messageZh, "message_en": $0.messageEn] })
        }
        return WebError(status: .unprocessableContent, code: "validation", messageZh: "数据校验未通过", messageEn: "validation failed",
                 details: errors.map { ["field": $0.column, "value": $0.value, "code": $0.code,
                                        "message_zh": $0.messageZh, "message_en": $0.messageEn] })
    }
}

/// JSON booleans arrive as NSNumber; only their class tells them from the numbers 0 and 1.
enum JSONBool {
    private static let booleanType = type(of: NSNumber(value: true))

    static func isBool(_ value: Any) -> Bool { type(of: value) == booleanType }
}

/// A JSON number as text for a field: whole numbers exactly (an 18-digit ID sent as a number
/// keeps every digit), others as Swift's shortest round-trip form (`1.5`, `1e-98`), never the
/// hundred-digit expansion `NSNumber.stringValue` gives for small and large floats on Linux.
enum JSONNumberText {
    static func text(_ number: NSNumber) -> String {
        let whole = number.int64Value
        if NSNumber(value: whole) == number { return String(whole) }
        return "\(number.doubleValue)"
    }
}
