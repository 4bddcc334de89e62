import Foundation

/// A user-facing text in Simplified Chinese (the default UI language) and English.
///
/// Every label of the regime is data an administrator may edit, and the UI shows either
/// language, so the two are kept side by side instead of in separate string files: a label
/// cannot be added in one language and forgotten in the other.
public struct BilingualText: Sendable, Codable, Equatable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// Both languages present (after trimming). Checked when a regime is loaded.
    public var isComplete: Bool {
        !zh.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            && !en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// Shorthand used by the shipped tables, which are written as long literal lists.
func text(_ zh: String, _ en: String) -> BilingualText {
    BilingualText(zh: zh, en: en)
}
