import SunlightDomain
/// What a role may do with the registry, and over which units.
///
/// Kept as one table so the authorization matrix test can walk every (role, operation) pair and
/// the web and API layers ask the same question the same way.
public enum RegistryOperation: String, Sendable, CaseIterable {
    case read
    case write
    case importFile = "import"
}

/// The units a principal's access reaches.
public enum UnitReach: Sendable, Equatable {
    /// Every unit (county-wide roles).
    case everywhere
    /// The unit and its descendants in the unit tree.
    case subtree(String)
    /// Nothing.
    case nowhere
}

public enum AccessPolicy {
    /// Whether `role` may perform `operation` on `dataset` at all.
    public static func allows(_ role: Role, _ operation: RegistryOperation, on dataset: Dataset) -> Bool {
        // Government data is evidence from its source system: corrected there and imported again.
        if operation == .write && dataset.isImportOnly { return false }
        switch (role, operation) {
        case (.admin, _), (.inspector, _), (.auditor, _):
            return true
        case (.leader, .read):
            return true
        case (.unitOfficer, .read):
            // Rows that belong to no unit (deaths, vehicles, bids) are for county-wide roles.
            return dataset.scope != .countyWide
        case (.unitOfficer, .write), (.unitOfficer, .importFile):
            // Shared reference data (the company register) is kept by county-wide roles, and so
            // are rolls: importing one replaces it for every village, not only the officer's.
            return dataset.scope != .shared && dataset.scope != .countyWide && !dataset.replacesRolls
        case (.leader, _), (.witness, _):
            return false
        }
    }

    /// Which units' rows the role sees and edits, given the user's own unit.
    public static func reach(of role: Role, unitCode: String?) -> UnitReach {
        switch role {
        case .admin, .inspector, .auditor, .leader:
            return .everywhere
        case .unitOfficer:
            guard let unitCode, !unitCode.isEmpty else { return .nowhere }
            return .subtree(unitCode)
        case .witness:
            return .nowhere
        }
    }

    /// Whether the role manages accounts and system configuration.
    public static func managesUsers(_ role: Role) -> Bool { role == .admin }
}

extension AccessPolicy {
    /// Who may read the ledger's checkpoints and proofs: they hold no personal data, and outside
    /// witnesses exist to read them. Unit officers have no use for them.
    public static func readsLedger(_ role: Role) -> Bool { role != .unitOfficer }

    /// Who may sign a checkpoint on demand or run a full verification from the web.
    public static func operatesLedger(_ role: Role) -> Bool { role == .admin }
}

extension AccessPolicy {
    /// Who sees findings: everyone but outside witnesses; unit officers only their subtree's
    /// (the findings list is unit-scoped like the registry), so a unit can answer for itself.
    public static func readsFindings(_ role: Role) -> Bool { role != .witness }

    /// Who reviews findings (assign, confirm, dismiss, reopen) and starts a scan: the
    /// supervising roles. Leaders read; unit officers answer through rectification.
    public static func reviewsFindings(_ role: Role) -> Bool { role == .admin || role == .inspector || role == .auditor }

    /// Who changes the rules' parameters: administrators (each change is in the ledger).
    public static func configuresRules(_ role: Role) -> Bool { role == .admin }
}

extension AccessPolicy {
    /// Who handles reports and clues: the discipline inspection staff only. Administrators run
    /// the system but never read reports (least privilege); unit officers and leaders never see
    /// a report's content, so a reported person with an account cannot reach it.
    public static func handlesReports(_ role: Role) -> Bool { role == .inspector }

    /// Who approves a disposition proposal, an extension or a look at a reporter's identity:
    /// inspectors (the commission's heads are inspectors) and leaders — always a different
    /// person from the one who proposed it.
    public static func approvesDispositions(_ role: Role) -> Bool { role == .inspector || role == .leader }

    /// Who sees the aggregate figures of reports and clues (no content, no names).
    public static func readsReportStatistics(_ role: Role) -> Bool { role == .inspector || role == .leader }

    /// Who records integrity talks and reads integrity files.
    public static func recordsTalks(_ role: Role) -> Bool { role == .inspector }
}
