import Foundation

/// Who is whose close relative (近亲属), as unordered pairs of person identities.
///
/// Kinship is mutual: a pair entered as (A, B) also answers "is B a relative of A". The
/// registry decides who counts as close (spouse, parents, children, siblings, grandparents,
/// grandchildren in the Civil Code); this type only remembers the pairs. Identities compare
/// trimmed and case-insensitively (an id number ending in x or X is the same person).
public struct CloseRelatives: Sendable, Equatable, Codable {
    private var pairs: Set<Pair>

    struct Pair: Hashable, Codable, Sendable {
        let a: String
        let b: String
        init(_ x: String, _ y: String) {
            let (p, q) = (CloseRelatives.key(x), CloseRelatives.key(y))
            (a, b) = p <= q ? (p, q) : (q, p)
        }
    }

    public init(_ pairs: [(String, String)] = []) {
        self.pairs = Set(pairs.map { Pair($0.0, $0.1) })
    }

    public mutating func add(_ x: String, _ y: String) {
        pairs.insert(Pair(x, y))
    }

    public func areRelated(_ x: String, _ y: String) -> Bool {
        Self.key(x) != Self.key(y) && pairs.contains(Pair(x, y))
    }

    static func key(_ identity: String) -> String {
        identity.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
