/// Interns strings into dense `Int32` symbols.
///
/// Province-scale input repeats the same few hundred thousand IDs, programs, accounts and unit
/// codes millions of times; keeping each once and comparing integers makes every join a dense
/// array lookup and keeps the rows a few dozen bytes each.
struct SymbolTable: Sendable {
    private(set) var strings: [String] = []
    private var index: [String: Int32] = [:]

    /// The symbol for "no value".
    static let none: Int32 = -1

    mutating func intern(_ text: String) -> Int32 {
        if let found = index[text] { return found }
        let symbol = Int32(strings.count)
        strings.append(text)
        index[text] = symbol
        return symbol
    }

    mutating func intern(_ text: String?) -> Int32 {
        guard let text else { return Self.none }
        return intern(text)
    }

    func lookup(_ text: String) -> Int32? { index[text] }

    var count: Int { strings.count }

    subscript(symbol: Int32) -> String { strings[Int(symbol)] }
}
