/// A tiny cursor over the Unicode scalars of an already folded text, used by the value parsers.
///
/// The accepted forms are few and precise, so a hand-written scanner states them more plainly
/// (and more strictly) than regular expressions or `Foundation` formatters, which accept
/// surprising extras such as `"12abc"` → 12.
struct ScalarScanner {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var isAtEnd: Bool { position >= scalars.count }

    var peek: Unicode.Scalar? { isAtEnd ? nil : scalars[position] }

    /// Consumes `scalar` if it is next.
    mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        position += 1
        return true
    }

    /// Consumes and returns the next scalar if it is one of `options`.
    mutating func take(anyOf options: Set<Unicode.Scalar>) -> Unicode.Scalar? {
        guard let next = peek, options.contains(next) else { return nil }
        position += 1
        return next
    }

    /// Consumes a literal text if it is next.
    mutating func take(text literal: String) -> Bool {
        let wanted = Array(literal.unicodeScalars)
        guard position + wanted.count <= scalars.count,
              Array(scalars[position..<(position + wanted.count)]) == wanted else { return false }
        position += wanted.count
        return true
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    /// Consumes the whole run of ASCII digits that follows and returns it (possibly empty).
    mutating func digitRun() -> [UInt8] {
        var run: [UInt8] = []
        while let next = peek, Self.isDigit(next) {
            run.append(UInt8(next.value - 0x30))
            position += 1
        }
        return run
    }

    /// Consumes a run of `min...max` digits and returns its value; fails (consuming nothing) if
    /// the run is shorter or longer.
    mutating func number(digits range: ClosedRange<Int>) -> Int? {
        let start = position
        let run = digitRun()
        guard range.contains(run.count) else {
            position = start
            return nil
        }
        return Self.value(of: run)
    }

    mutating func skipSpaces() {
        while let next = peek, next.properties.isWhitespace { position += 1 }
    }

    /// Value of a short digit run (callers bound the length, so this cannot overflow).
    static func value(of digits: some Collection<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1) }
    }
}
