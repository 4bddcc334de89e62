import Foundation
import SQLKit
import SunlightContract
import SunlightDomain

/// The kinds of integrity talk (廉政谈话) the seeds name: collective talks, talks before taking
/// up a post, reminder talks ("咬耳扯袖"), admonishment (诫勉谈话) and interviews (约谈).
public enum TalkKind: String, Sendable, CaseIterable {
    case collective, preAppointment = "pre_appointment", reminder, admonishment, interview

    public var zh: String {
        switch self {
        case .collective: return "集体廉政谈话"
        case .preAppointment: return "任前廉政谈话"
        case .reminder: return "提醒谈话"
        case .admonishment: return "诫勉谈话"
        case .interview: return "约谈"
        }
    }

    public var en: String {
        switch self {
        case .collective: return "collective integrity talk"
        case .preAppointment: return "pre-appointment talk"
        case .reminder: return "reminder talk"
        case .admonishment: return "admonishment"
        case .interview: return "interview"
        }
    }
}

/// A talk as recorded.
public struct IntegrityTalk: Sendable {
    public let id: Int64
    public let kind: TalkKind
    public let heldOn: String
    public let personName: String
    public let personIDNumber: String?
    public let unitCode: String?
    public let talkedBy: String
    public let topics: String
    public let followUp: String
    public let clueID: Int64?
    public let recordedBy: String
}

/// What a new talk record says.
public struct TalkInput: Sendable {
    public var kind: TalkKind
    public var heldOn: String
    public var personName: String
    public var personIDNumber: String?
    public var unitCode: String?
    public var talkedBy: String
    public var topics: String
    public var followUp: String
    public var clueID: Int64?

    public init(kind: TalkKind, heldOn: String, personName: String, personIDNumber: String? = nil, unitCode: String? = nil,
                talkedBy: String, topics: String, followUp: String = "", clueID: Int64? = nil) {
        self.kind = kind
        self.heldOn = heldOn
        self.personName = personName
        self.personIDNumber = personIDNumber
        self.unitCode = unitCode
        self.talkedBy = talkedBy
        self.topics = topics
        self.followUp = followUp
        self.clueID = clueID
    }
}

/// Integrity talks: recording them, and reading them back per person for the integrity file.
public struct TalkStore: Sendable {
    public let recorder: Recorder

    public init(recorder: Recorder) { self.recorder = recorder }

    @discardableResult
    public func record(_ input: TalkInput, by principal: Principal) async throws -> Int64 {
        var problems: [String] = []
        guard let held = LocalDate(iso: input.heldOn.trimmingCharacters(in: .whitespaces)) ?? (try? DateParsing.date(input.heldOn)) else {
            throw ClueError(code: "talk.date", messageZh: "谈话日期无效：\(input.heldOn)", messageEn: "not a date: \(input.heldOn)")
        }
        if input.personName.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("person") }
        if input.talkedBy.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("talked_by") }
        if input.topics.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("topics") }
        guard problems.isEmpty else {
            throw ClueError(code: "talk.missing", messageZh: "请填写谈话对象、谈话人和谈话内容", messageEn: "name the person, who talked and the topics")
        }
        var idNumber: String?
        if let raw = input.personIDNumber?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            do { idNumber = try ResidentID.parse(raw).value } catch {
                throw ClueError(code: error.code, messageZh: error.messageZh, messageEn: error.messageEn)
            }
        }
        let person = idNumber
        return try await recorder.write(by: principal) { tx in
            let now = Timestamps.now()
            let row = try await tx.sql.insert(into: "integrity_talks")
                .columns("kind", "held_on", "person_name", "person_id_number", "unit_code", "talked_by", "topics", "follow_up", "clue_id",
                         "recorded_by", "created_at")
                .values(SQLBind(input.kind.rawValue), SQLBind(held.iso), SQLBind(input.personName), SQLBind(person), SQLBind(input.unitCode),
                        SQLBind(input.talkedBy), SQLBind(input.topics), SQLBind(input.followUp), SQLBind(input.clueID),
                        SQLBind(principal.username), SQLBind(now))
                .returning("id").first()
            let id = try row!.decode(column: "id", as: Int64.self)
            try await tx.record([Change(at: now, actor: principal.username, action: .talk, objectType: "integrity_talks", objectID: String(id),
                                        objectKey: person, hashAfter: tx.secretDigest(input.topics + "|" + input.followUp),
                                        details: ScanStore.json(["kind": input.kind.rawValue, "held_on": held.iso]))])
            return id
        }
    }

    /// Talks, newest first: all, or one person's (by ID number).
    public func list(personIDNumber: String? = nil, limit: Int = 500) async throws -> [IntegrityTalk] {
        try await recorder.database.withConnection { db in
            var select = db.select().column(SQLLiteral.all).from("integrity_talks")
            if let personIDNumber { select = select.where("person_id_number", .equal, personIDNumber) }
            return try await select.orderBy("held_on", .descending).orderBy("id", .descending).limit(limit).all().map { row in
                IntegrityTalk(id: try row.decode(column: "id", as: Int64.self),
                              kind: TalkKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .interview,
                              heldOn: try row.decode(column: "held_on", as: String.self),
                              personName: try row.decode(column: "person_name", as: String.self),
                              personIDNumber: try row.decode(column: "person_id_number", as: String?.self),
                              unitCode: try row.decode(column: "unit_code", as: String?.self),
                              talkedBy: try row.decode(column: "talked_by", as: String.self),
                              topics: try row.decode(column: "topics", as: String.self),
                              followUp: try row.decode(column: "follow_up", as: String.self),
                              clueID: try row.decode(column: "clue_id", as: Int64?.self),
                              recordedBy: try row.decode(column: "recorded_by", as: String.self))
            }
        }
    }
}

extension ClueStore {
    /// Clues about a person (by ID number), for their integrity file — left out when the asker is
    /// that person.
    public func clues(about idNumber: String, for principal: Principal) async throws -> [StoredClue] {
        guard AccessPolicy.handlesReports(principal.role) else { return [] }
        guard let key = reports.vault.subjects.idNumber(idNumber) else { return [] }
        let reports = self.reports
        let rows = try await recorder.database.withConnection { db in
            if try await reports.ownKey(principal, on: db) == key { return [any SQLRow]() }
            return try await db.select().column(SQLLiteral.all).from("clues").where("subject_id_key", .equal, key)
                .orderBy("id", .descending).all()
        }
        return try await clues(rows)
    }
}
