import SunlightDomain

/// The version and effective date every table of the regime carries.
///
/// Rules change (a new notice, a revised regulation). A record — a clue, a deadline, a
/// sanction — keeps the `stamp` of the table it was handled under, so that it can be judged
/// by the rules of its time and the change can be explained.
public struct TableHeader: Sendable, Codable, Equatable {
    /// Free text chosen by the administrator, e.g. `"2025.1"`. Never empty.
    public var version: String
    /// The day from which the table applies.
    public var effective: LocalDate

    public init(version: String, effective: LocalDate) {
        self.version = version
        self.effective = effective
    }

    /// `"2025.1@2025-01-01"`: what a record stores to name the table it was handled under.
    public var stamp: String { "\(version)@\(effective.iso)" }
}
