import SunlightDomain

/// The rules of clean-government work as one versioned value: deadlines, the clue disposition
/// workflow, the four forms, government and party sanctions, recusal.
///
/// `Regime.shipped` holds the defaults of `regime.md`. An administrator may export it as JSON,
/// edit it (a revised regulation, a local rule, a ❓ default confirmed or changed) and load it
/// back; `Regime.decode` validates the copy before it is used. Each table keeps its own version
/// and effective date so a record can store the version it was handled under.
public struct Regime: Sendable, Codable, Equatable {
    public var header: TableHeader
    public var deadlines: DeadlineTable
    public var clueWorkflow: ClueWorkflow
    public var fourForms: FourFormsTable
    public var governmentSanctions: GovernmentSanctionTable
    public var partySanctions: PartySanctionTable
    public var recusal: RecusalTable

    public init(header: TableHeader, deadlines: DeadlineTable, clueWorkflow: ClueWorkflow,
                fourForms: FourFormsTable, governmentSanctions: GovernmentSanctionTable,
                partySanctions: PartySanctionTable, recusal: RecusalTable) {
        self.header = header
        self.deadlines = deadlines
        self.clueWorkflow = clueWorkflow
        self.fourForms = fourForms
        self.governmentSanctions = governmentSanctions
        self.partySanctions = partySanctions
        self.recusal = recusal
    }

    /// The defaults of `regime.md`, as shipped with Sunlight.
    public static let shipped = Regime(
        header: TableHeader(version: "2025.1", effective: LocalDate(year: 2025, month: 6, day: 1)!),
        deadlines: ShippedDeadlines.table,
        clueWorkflow: ShippedClueWorkflow.workflow,
        fourForms: ShippedFourForms.table,
        governmentSanctions: ShippedSanctions.government,
        partySanctions: ShippedSanctions.party,
        recusal: ShippedRecusal.table)

    /// A sanction of either system by code.
    public func sanction(_ code: String) -> SanctionType? {
        governmentSanctions.sanction(code) ?? partySanctions.sanction(code)
    }

    /// The form a sanction or measure belongs to.
    public func form(ofOutcome code: String) -> Int? {
        fourForms.form(ofOutcome: code)
    }
}

extension Regime {
    /// The deadline rule with `code`: one of the deadline table's, or the held-clue review that
    /// the clue workflow carries itself. The one lookup for every place that recounts or names
    /// a stored deadline.
    public func deadlineRule(_ code: String) -> DeadlineRule? {
        deadlines.rule(code) ?? (code == clueWorkflow.heldReviewRule.code ? clueWorkflow.heldReviewRule : nil)
    }
}
