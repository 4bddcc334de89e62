/// The four forms with their measures, and the sanction → form table.
public struct FourFormsTable: Sendable, Codable, Equatable {
    public var header: TableHeader
    public var forms: [OutcomeForm]
    public var sanctionForms: [SanctionFormMapping]

    public init(header: TableHeader, forms: [OutcomeForm], sanctionForms: [SanctionFormMapping]) {
        self.header = header
        self.forms = forms
        self.sanctionForms = sanctionForms
    }

    public func form(_ number: Int) -> OutcomeForm? {
        forms.first { $0.number == number }
    }

    /// The form a sanction counts under; nil if the table does not map it.
    public func form(ofSanction code: String) -> Int? {
        sanctionForms.first { $0.sanction == code }?.form
    }

    /// The form a measure code belongs to, whether a measure or a mapped sanction.
    public func form(ofOutcome code: String) -> Int? {
        forms.first { $0.measures.contains { $0.code == code } }?.number ?? form(ofSanction: code)
    }

    /// Every outcome code of a form: its sanctions (party first, as `regime.md` lists them) then
    /// its other measures.
    public func outcomes(inForm number: Int) -> [String] {
        sanctionForms.filter { $0.form == number }.map(\.sanction)
            + (form(number)?.measures.map(\.code) ?? [])
    }
}
