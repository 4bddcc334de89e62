import Foundation
import SunlightRules

/// Places a finding in the unit tree and in time, so the findings list can be filtered by unit
/// (and a unit officer sees only their subtree's) and by period.
///
/// Subject keys differ per rule (rules.md): payments and budgets lead with the unit code;
/// projects, service cases and tenders name a record whose unit is looked up; benefit
/// subjects lead with the recipient's ID, placed at the village on their rows (else their
/// household's); conflicts lead with the official, placed at their unit.
public struct FindingPlacement: Sendable {
    var personUnit: [String: String] = [:]
    var residentVillage: [String: String] = [:]
    var recipientVillage: [String: String] = [:]
    var accountVillage: [String: String] = [:]
    var projectUnit: [String: String] = [:]
    var caseUnit: [String: String] = [:]
    var tenderUnit: [String: String] = [:]

    public init() {}

    /// Accounts compare "without spaces or hyphens" (rules.md, benefit.shared_account).
    static func accountKey(_ account: String) -> String {
        // Without a space or hyphen byte no character can be one: the account as it is, no
        // character-by-character copy (a scan asks for every benefit row's account).
        if !account.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }) { return account }
        return account.filter { $0 != " " && $0 != "-" }
    }

    public func unit(of finding: Finding) -> String? {
        let parts = finding.subject.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first else { return nil }
        let family = finding.rule.split(separator: ".").first.map(String.init) ?? finding.rule
        switch (family, finding.rule) {
        case (_, "benefit.shared_account"): return accountVillage[Self.accountKey(first)]
        case ("benefit", _): return recipientVillage[first] ?? residentVillage[first]
        case ("payment", _), ("budget", _): return first
        case ("project", _): return projectUnit[first]
        case ("service", _): return caseUnit[first]
        case ("conflict", _): return personUnit[first]
        case ("bid", _): return tenderUnit[first] ?? (parts.count > 1 && finding.rule == "bid.rotation" ? first : nil)
        default: return nil
        }
    }

    /// The period the finding is about: a year in the subject (`2025`), a date in the subject
    /// (`2025-03-07` → `2025-03`), else the first period or date in the evidence.
    public func period(of finding: Finding, evidenceJSON: String) -> String? {
        for part in finding.subject.split(separator: "|").map(String.init) {
            if part.count == 4, let year = Int(part), (1900...2200).contains(year) { return part }
            if part.count == 10, part.dropFirst(4).first == "-", Int(part.prefix(4)) != nil { return String(part.prefix(7)) }
        }
        guard let match = evidenceJSON.firstMatch(of: /"(?:period|date|month|first_date|year|received_at|received|accepted_date|completed_at|submitted_at|published_date)":"?(\d{4}(?:-\d{2})?)/) else { return nil }
        return String(match.1)
    }
}
