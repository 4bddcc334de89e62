import Foundation
import SunlightDomain

extension Regime {
    /// The regime as pretty-printed JSON with sorted keys, so that an administrator's edit shows
    /// as a small diff. Errors: `regime.json_encode` (not expected for a valid regime).
    public func jsonData() throws(ValueError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw RegimeErrors.make("regime.json_encode", "无法生成制度配置 JSON：\(error)",
                                    "could not encode the regime as JSON: \(error)")
        }
    }

    /// Reads an edited regime and validates it: `regime.json_invalid` (not JSON, or a field
    /// missing or of the wrong kind — the path is named), then the first problem of `problems`.
    public static func decode(_ data: Data) throws(ValueError) -> Regime {
        let regime: Regime
        do {
            regime = try JSONDecoder().decode(Regime.self, from: data)
        } catch let error as DecodingError {
            let (path, detail) = describe(error)
            throw RegimeErrors.make("regime.json_invalid", "制度配置 JSON 有误，位置 \(path)：\(detail)",
                                    "the regime JSON is invalid at \(path): \(detail)")
        } catch {
            throw RegimeErrors.make("regime.json_invalid", "制度配置 JSON 有误：\(error)",
                                    "the regime JSON is invalid: \(error)")
        }
        try regime.validate()
        return regime
    }

    private static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "(root)" : String(text.drop { $0 == "." })
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "missing field \"\(key.stringValue)\"")
        @unknown default:
            return ("(unknown)", "\(error)")
        }
    }
}
