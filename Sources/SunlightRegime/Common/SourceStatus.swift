/// How sure we are that an item of the regime says what the source says.
///
/// `regime.md` marks every item ✅ / 🟡 / ❓. The mark travels with the data so the UI can
/// show an unverified item as "configurable default" (可配置默认值) rather than as the law.
public enum SourceStatus: String, Sendable, Codable, CaseIterable {
    /// ✅ Read in the primary text (the law or regulation itself).
    case primary
    /// 🟡 From an official secondary source (a published interpretation, a party rule quoted
    /// by an official site) — the primary text was not at hand.
    case secondary
    /// ❓ Not verified: a sensible default an administrator is expected to confirm or change.
    case unverified

    /// The mark used in `regime.md`.
    public var mark: String {
        switch self {
        case .primary: "✅"
        case .secondary: "🟡"
        case .unverified: "❓"
        }
    }

    public var label: BilingualText {
        switch self {
        case .primary: BilingualText(zh: "已核对原文", en: "checked against the primary text")
        case .secondary: BilingualText(zh: "来自官方二手资料", en: "from an official secondary source")
        case .unverified: BilingualText(zh: "可配置默认值（未核实）", en: "configurable default (unverified)")
        }
    }

    /// Whether the UI must present the item as a default to confirm rather than as the rule.
    public var isConfigurableDefault: Bool { self == .unverified }
}
