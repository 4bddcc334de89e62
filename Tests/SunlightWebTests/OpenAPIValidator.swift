import Foundation

/// A small JSON Schema checker for the subset the OpenAPI document uses (type, required,
/// properties, additionalProperties, items, enum, $ref), so tests can check real responses
/// against the published document.
struct OpenAPIValidator {
    let document: [String: Any]

    func schema(path: String, method: String, status: Int) -> [String: Any]? {
        guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
              let operation = item[method] as? [String: Any], let responses = operation["responses"] as? [String: Any],
              let response = responses[String(status)] as? [String: Any],
              let content = response["content"] as? [String: Any], let json = content["application/json"] as? [String: Any] else { return nil }
        return json["schema"] as? [String: Any]
    }

    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String else { return schema }
        let name = String(ref.split(separator: "/").last!)
        return ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    /// Problems found, as paths into the value; empty when the value conforms.
    func check(_ value: Any, against raw: [String: Any], at path: String = "$") -> [String] {
        let schema = resolve(raw)
        var problems: [String] = []
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as! String]
            if !types.contains(where: { matches(value, $0) }) { return ["\(path): expected \(types), got \(Swift.type(of: value))"] }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { "\($0)" == "\(value)" }) {
            problems.append("\(path): \(value) not in enum")
        }
        if let object = value as? [String: Any] {
            for name in schema["required"] as? [String] ?? [] where object[name] == nil { problems.append("\(path).\(name): missing") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (name, item) in object {
                if let property = properties[name] as? [String: Any] {
                    problems += check(item, against: property, at: "\(path).\(name)")
                } else if (schema["additionalProperties"] as? Bool) == false {
                    problems.append("\(path).\(name): not in the schema")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { problems += check(item, against: items, at: "\(path)[\(index)]") }
        }
        return problems
    }

    /// JSON booleans arrive as NSNumber; only their class tells them from 0 and 1.
    private func isBool(_ value: Any) -> Bool { type(of: value) == type(of: NSNumber(value: true)) }

    private func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBool(value)
        case "integer": return !isBool(value) && (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return !isBool(value) && value is NSNumber
        default: return false
        }
    }
}
