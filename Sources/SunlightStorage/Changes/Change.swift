/// One recorded change: what the ledger will append. Holds hashes of the record before and
/// after, never the record itself, so the log can be shown without personal data.
public struct Change: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable {
        case create, update, delete
        case importFile = "import"
        case login
        case export
        /// A supervision scan: its rule runs and the findings it created or refreshed.
        case scan
        /// A finding's review: assigned, confirmed, dismissed or reopened.
        case review
        /// Rule parameters changed by an administrator.
        case configure
        /// A report received (portal, intake) or a message or file added to one.
        case report
        /// A clue's step in its disposition, a deadline's extension or pause, an outcome.
        case disposition
        /// A reporter's identity asked for, approved, refused or viewed.
        case identity
        /// An integrity talk recorded.
        case talk
        /// A working-day calendar year added by an administrator.
        case calendar
    }

    public let at: String
    public let actor: String
    public let action: Action
    public let objectType: String
    public let objectID: String
    /// The record's natural key (an ID number, a unit code): written to the ledger only as a
    /// keyed hash.
    public let objectKey: String?
    public let hashBefore: String?
    public let hashAfter: String?
    /// JSON text with non-personal details (an import's file name, hash and counts).
    public let details: String?

    public init(at: String, actor: String, action: Action, objectType: String, objectID: String, objectKey: String? = nil,
                hashBefore: String? = nil, hashAfter: String? = nil, details: String? = nil) {
        self.objectKey = objectKey
        self.at = at
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.hashBefore = hashBefore
        self.hashAfter = hashAfter
        self.details = details
    }
}
