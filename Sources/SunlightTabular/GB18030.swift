import Foundation

/// GB18030 ⇄ Unicode, by glibc iconv.
///
/// Foundation on Linux has no GB18030 `String.Encoding`, so this is the one place that knows
/// how to produce and read it: tests use `encode` to make fixture files as a Chinese Excel
/// would save them, and callers may use `decode` for small snippets.
public enum GB18030 {
    /// Encodes a string as GB18030 bytes. Throws `TabularError` code `file.encoding` if a
    /// character cannot be represented (GB18030 covers all of Unicode, so this is not expected).
    public static func encode(_ s: String) throws -> Data {
        try convert(Array(s.utf8), from: "UTF-8", to: "GB18030")
    }

    /// Decodes GB18030 bytes. Throws `TabularError` code `file.encoding` on invalid or truncated input.
    public static func decode(_ d: Data) throws -> String {
        let bytes = try convert([UInt8](d), from: "GB18030", to: "UTF-8")
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func convert(_ bytes: [UInt8], from source: String, to target: String) throws -> Data {
        do {
            let converter = try Iconv(from: source, to: target)
            let converted = try bytes.withUnsafeBytes { try converter.convertAll($0) }
            return Data(converted)
        } catch is Iconv.Failure {
            throw TabularError.encoding(line: nil)
        }
    }
}
