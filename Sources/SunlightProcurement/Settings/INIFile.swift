/// The INI dialect Cardinal reads (rust-ini 0.18 through config-rs 0.13), parsed into ordered
/// entries with line numbers.
///
/// What Cardinal accepts, Sunlight accepts identically: `[section]` headers (a dotted name such as
/// `[R003.procurement_method_details]` is a sub-table), `key = value` or `key: value`, values
/// trimmed, an optional pair of quotes stripped, backslash escapes, comment lines starting with
/// `;` or `#`. Like rust-ini, a `;` or `#` after a value is part of the value (Cardinal's docs
/// write `threshold = 15 # default` only as illustration) — a number followed by a comment is
/// reported as an invalid number, not silently truncated. One leniency: a comment line may be
/// indented (rust-ini rejects that as an "inline comment").
struct INIFile {
    struct Entry {
        /// nil for keys before the first section.
        let section: String?
        let key: String
        let value: String
        let line: Int
    }

    struct Section {
        let name: String
        let line: Int
    }

    private(set) var entries: [Entry] = []
    private(set) var sections: [Section] = []

    init(parsing text: String) throws(SettingsError) {
        var current: String? = nil
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimming(" \t\r")
            if trimmed.isEmpty || trimmed.hasPrefix(";") || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("[") {
                guard let close = trimmed.lastIndex(of: "]") else {
                    throw SettingsError.syntax(lineNumber, zh: "节名缺少右方括号“]”", en: "section header lacks a closing \"]\"")
                }
                let after = trimmed[trimmed.index(after: close)...].trimming(" \t")
                guard after.isEmpty || after.hasPrefix(";") || after.hasPrefix("#") else {
                    throw SettingsError.syntax(lineNumber, zh: "节名“]”之后有多余内容", en: "unexpected text after the section header")
                }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimming(" \t")
                guard !name.isEmpty else {
                    throw SettingsError.syntax(lineNumber, zh: "节名为空", en: "empty section name")
                }
                current = name
                sections.append(Section(name: name, line: lineNumber))
                continue
            }
            guard let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw SettingsError.syntax(lineNumber, zh: "应为“名称 = 值”", en: "expected \"name = value\"")
            }
            let key = try Self.unescape(trimmed[..<separator], line: lineNumber).trimming(" \t")
            guard !key.isEmpty else {
                throw SettingsError.syntax(lineNumber, zh: "“=”之前缺少名称", en: "missing name before \"=\"")
            }
            let value = try Self.value(trimmed[trimmed.index(after: separator)...], line: lineNumber)
            entries.append(Entry(section: current, key: key, value: value, line: lineNumber))
        }
    }

    /// rust-ini: a value starting with a quote runs to the matching quote (anything after it is
    /// appended); otherwise to the end of the line; then trimmed.
    private static func value(_ raw: Substring, line: Int) throws(SettingsError) -> String {
        let text = raw.trimming(" \t")
        if let quote = text.first, quote == "\"" || quote == "'" {
            let body = text.dropFirst()
            guard let close = body.firstIndex(of: quote) else {
                throw SettingsError.syntax(line, zh: "引号未闭合", en: "unterminated quote")
            }
            let inner = try unescape(body[..<close], line: line)
            let rest = try unescape(body[body.index(after: close)...], line: line)
            return (inner + rest).trimming(" \t")
        }
        return try unescape(Substring(text), line: line).trimming(" \t")
    }

    /// rust-ini's escapes: `\0 \a \b \t \r \n`, `\xHHHH`, and `\c` for any other `c`.
    private static func unescape(_ text: Substring, line: Int) throws(SettingsError) -> String {
        guard text.contains("\\") else { return String(text) }
        var out = ""
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard let e = iterator.next() else {
                throw SettingsError.syntax(line, zh: "反斜杠位于行尾", en: "backslash at the end of the line")
            }
            switch e {
            case "0": out.append("\0")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "n": out.append("\n")
            case "x":
                var hex = ""
                for _ in 0..<4 { if let h = iterator.next() { hex.append(h) } }
                guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw SettingsError.syntax(line, zh: "\\x 转义应为四位十六进制数", en: "\\x escape needs four hex digits")
                }
                out.unicodeScalars.append(scalar)
            default: out.append(e)
            }
        }
        return out
    }
}

extension StringProtocol {
    /// Trims only the given characters (Foundation-free, so the settings parser has no locale).
    func trimming(_ set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var start = startIndex
        var end = endIndex
        while start < end, let s = self[start].unicodeScalars.first, self[start].unicodeScalars.count == 1, scalars.contains(s) {
            start = index(after: start)
        }
        while end > start {
            let before = index(before: end)
            guard let s = self[before].unicodeScalars.first, self[before].unicodeScalars.count == 1, scalars.contains(s) else { break }
            end = before
        }
        return String(self[start..<end])
    }
}
