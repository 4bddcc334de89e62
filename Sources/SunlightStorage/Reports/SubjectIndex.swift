import Crypto
import Foundation
import SunlightRegime
import SunlightReports

/// Who a report is about, as the reporter wrote it: sealed under the report's key like its
/// words (`ReportStore`), never stored in the clear. A clue shows the subject of the report it
/// was opened from (`clues.subject_report_id`).
public struct ReportSubject: Sendable, Equatable, Codable {
    public var name: String
    public var unit: String
    public var post: String
    /// Known at intake (a finding, an ID entered by the inspector) or confirmed in review.
    public var idNumber: String?

    public init(name: String, unit: String, post: String, idNumber: String? = nil) {
        self.name = name
        self.unit = unit
        self.post = post
        self.idNumber = idNumber
    }

    /// What a list shows when this installation holds no office key that opens the report.
    public static let unreadable = ReportSubject(name: "（密封）", unit: "", post: "")

    static func context(reportID: Int64) -> String { "report:\(reportID):subject" }

    func sealed(with key: ReportKey, reportID: Int64) throws -> String {
        try key.seal(try JSONEncoder().encode(self), context: Self.context(reportID: reportID))
    }

    static func open(_ sealed: String, with key: ReportKey, reportID: Int64) throws -> ReportSubject {
        try JSONDecoder().decode(ReportSubject.self, from: try key.open(sealed, context: context(reportID: reportID)))
    }
}

/// Keyed hashes of a report subject's normalised name, unit and ID number: what the database
/// keeps instead of the names, so that recusal, repeat detection and search still match —
/// equality only — while whoever holds the database (a backup, an administrator with the SQL
/// shell) can neither read who was reported nor confirm a guess by hashing a name.
///
/// Why keyed and normalised: an unkeyed hash of a name is a dictionary lookup away from the
/// name; the key is derived from the ledger's key file, which lives outside the database.
/// Normalising (`SubjectResolution.key`: NFKC, full-width folded, no spaces or middle dots)
/// makes "王 伟" and "王伟" one value, as the registry resolution compares them.
public struct SubjectIndex: Sendable {
    private let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    /// The purpose the key is derived for (`LedgerKeys.derivedKey`).
    public static let purpose = "sunlight report subject index v1"

    /// A subject's name or unit as indexed; nil for an empty value (nothing to match).
    public func text(_ value: String) -> String? {
        let folded = SubjectResolution.key(value)
        return folded.isEmpty ? nil : hash("text:" + folded)
    }

    /// An ID number as indexed (upper case, trimmed: the check digit may be "x").
    public func idNumber(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines).uppercased(), !value.isEmpty else { return nil }
        return hash("id:" + value)
    }

    private func hash(_ message: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}
