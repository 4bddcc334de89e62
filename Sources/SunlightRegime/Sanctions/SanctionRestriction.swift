/// A group of people who may receive only some government sanctions.
///
/// 政务处分法 Art. 22: "基层群众性自治组织中从事管理的人员有违法行为的，监察机关可以予以警告、
/// 记过、记大过" — people doing management in villagers' and residents' committees (村民委员会、
/// 居民委员会的组成人员 and others managing there). Art. 23 gives the same three to the "other
/// persons performing public duties" of 监察法 Art. 15(6) (and, under its second paragraph,
/// persons of Art. 15(2) holding no civil-service, public-institution or SOE post).
public struct SanctionRestriction: Sendable, Codable, Equatable {
    /// `grassroots_self_governance`, `other_public_duty`.
    public var category: String
    public var label: BilingualText
    /// Who belongs to it, in the law's words.
    public var who: BilingualText
    /// The sanction codes allowed.
    public var allowed: [String]
    public var basis: BilingualText
    public var status: SourceStatus

    public init(category: String, label: BilingualText, who: BilingualText, allowed: [String],
                basis: BilingualText, status: SourceStatus) {
        self.category = category
        self.label = label
        self.who = who
        self.allowed = allowed
        self.basis = basis
        self.status = status
    }
}
