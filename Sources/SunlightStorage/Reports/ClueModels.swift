import Foundation
import SunlightRegime
import SunlightDomain

/// A clue as stored: the matter under disposition.
public struct StoredClue: Sendable {
    public let id: Int64
    public let reference: String
    public let source: String
    public let reportType: String
    public let realName: Bool
    public let subjectName: String
    public let subjectUnit: String
    public let subjectPost: String
    public let subjectIDNumber: String?
    /// The registry unit the subject belongs to, when resolved (kept in the clear for scoping
    /// and statistics; the subject itself is sealed).
    public let unitCode: String?
    public let receivedOn: String
    public let state: ClueState
    public let handler: String?
    public let proposer: String?
    public let proposal: String?
    public let closureKind: String?
    public let findingID: Int64?
    public let regimeVersion: String
    public let createdBy: String
    public let updatedAt: String
}

/// One step in a clue's life, as the ledger also has it (with the note, which the ledger does not).
public struct ClueEvent: Sendable {
    public let at: String
    public let actor: String
    public let action: String
    public let fromState: String?
    public let toState: String?
    public let note: String?
}

/// A running or finished deadline of a clue, with its status on the day asked.
public struct StoredDeadline: Sendable {
    public let id: Int64
    public let clueID: Int64
    public let clueReference: String
    public let ruleCode: String
    public let startsOn: String
    public let dueOn: String?
    public let extensions: [DeadlineExtension]
    public let pauses: [ClockPause]
    public let metOn: String?
    public let handler: String?
    public let regimeVersion: String
    public let status: DeadlineStatus?
    /// The due date was counted on a provisional calendar year (no State Council notice entered
    /// yet): shown as such, and recounted when the notice is entered.
    public let provisional: Bool
}

/// An outcome decided for a person (four forms), with any sanction and its influence period.
public struct StoredOutcome: Sendable {
    public let id: Int64
    public let clueID: Int64
    public let personName: String
    public let personIDNumber: String?
    public let form: Int
    public let measure: String
    public let sanction: String?
    public let sanctionMonths: Int?
    public let effectiveOn: String
    public let influenceUntil: String?
    public let decidedBy: String
    public let note: String?
}

/// What a decision records about the person: the measure or sanction chosen.
public struct OutcomeInput: Sendable {
    public var personName: String
    public var personIDNumber: String?
    /// A measure code of the four-forms table (e.g. `reminder_talk`) or a sanction code
    /// (`gov.demerit`, `party.warning`); the form follows from the table.
    public var measure: String
    /// For sanctions with a choice of period (留党察看 12 or 24 months).
    public var months: Int?
    public var effectiveOn: String
    public var note: String?
    /// 政务处分法 Art. 15: the government sanctions due for the person's other violations in the
    /// same decision. The heaviest of all is carried out; several identical ones up to 撤职 get a
    /// combined period (`months`) between one period and the sum, at most 48 months.
    public var combinedWith: [String]

    public init(personName: String, personIDNumber: String? = nil, measure: String, months: Int? = nil, effectiveOn: String,
                note: String? = nil, combinedWith: [String] = []) {
        self.combinedWith = combinedWith
        self.personName = personName
        self.personIDNumber = personIDNumber
        self.measure = measure
        self.months = months
        self.effectiveOn = effectiveOn
        self.note = note
    }
}

/// A refused clue step: the regime's bilingual reason, or the store's.
public struct ClueError: BilingualError, Equatable {
    /// A step taken meanwhile by someone else is a conflict; a step this person may not take is
    /// forbidden; anything else is invalid input.
    public var kind: ErrorKind {
        if code == "clue.changed" { return .conflict }
        return code.hasSuffix(".forbidden") ? .forbidden : .invalid
    }

    public let code: String
    public let messageZh: String
    public let messageEn: String

    public init(code: String, messageZh: String, messageEn: String) {
        self.code = code
        self.messageZh = messageZh
        self.messageEn = messageEn
    }
}
