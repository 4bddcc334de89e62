import Foundation

/// One expected outcome: a rule must fire for `subject` (`flag`) or must not (`clear`).
struct TruthCase: Sendable {
    let rule: String
    let subject: String
    let flag: Bool
    let note: String
}

/// Collects the planted cases; written as `truth.jsonl` at the end (a few thousand lines at most).
final class TruthLog {
    private(set) var cases: [TruthCase] = []
    private var seen: Set<String> = []

    func flag(_ rule: String, _ subject: String, _ note: String) {
        add(TruthCase(rule: rule, subject: subject, flag: true, note: note))
    }

    func clear(_ rule: String, _ subject: String, _ note: String) {
        add(TruthCase(rule: rule, subject: subject, flag: false, note: note))
    }

    func add(_ c: TruthCase) {
        let key = c.rule + "\u{1}" + c.subject
        precondition(!seen.contains(key), "duplicate truth subject \(c.rule) \(c.subject)")
        seen.insert(key)
        cases.append(c)
    }

    func write(to url: URL, asOf: String, seed: UInt64, size: String) throws {
        var text = "{\"as_of\":\(Self.json(asOf)),\"seed\":\(seed),\"size\":\(Self.json(size))}\n"
        for c in cases {
            text += "{\"rule\":\(Self.json(c.rule)),\"subject\":\(Self.json(c.subject)),\"expect\":\(c.flag ? "\"flag\"" : "\"clear\""),\"note\":\(Self.json(c.note))}\n"
        }
        try Data(text.utf8).write(to: url)
    }

    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
