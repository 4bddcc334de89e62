/// A close relation, read from the relative's side: `.child` on the edge A → B means "B is A's
/// child". "Close relatives: relation spouse, child, parent, sibling, child_spouse" and "close
/// relatives are mutual", so each `relatives` row gives two edges; the reverse edge carries the
/// inverse relation (B's parent is A), with `spouseParent` the inverse of `child_spouse`.
enum KinRelation: UInt8, Sendable {
    case spouse, child, parent, sibling, childSpouse, spouseParent

    /// The contract's close relations; `other` and unknown codes are not close relatives.
    init?(code: String) {
        switch code {
        case "spouse": self = .spouse
        case "child": self = .child
        case "parent": self = .parent
        case "sibling": self = .sibling
        case "child_spouse": self = .childSpouse
        default: return nil
        }
    }

    var inverse: KinRelation {
        switch self {
        case .spouse: .spouse
        case .child: .parent
        case .parent: .child
        case .sibling: .sibling
        case .childSpouse: .spouseParent
        case .spouseParent: .childSpouse
        }
    }

    var code: String {
        switch self {
        case .spouse: "spouse"
        case .child: "child"
        case .parent: "parent"
        case .sibling: "sibling"
        case .childSpouse: "child_spouse"
        case .spouseParent: "spouse_parent"
        }
    }

    var zh: String {
        switch self {
        case .spouse: "配偶"
        case .child: "子女"
        case .parent: "父母"
        case .sibling: "兄弟姐妹"
        case .childSpouse: "子女配偶"
        case .spouseParent: "配偶父母"
        }
    }

    var en: String {
        switch self {
        case .spouse: "spouse"
        case .child: "child"
        case .parent: "parent"
        case .sibling: "sibling"
        case .childSpouse: "child's spouse"
        case .spouseParent: "parent-in-law"
        }
    }
}
