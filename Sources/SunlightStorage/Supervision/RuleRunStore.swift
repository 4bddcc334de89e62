import Foundation
import SQLKit
import SunlightRules

/// One rule's run, as recorded: enough to reproduce and explain its findings.
public struct StoredRuleRun: Sendable {
    public let id: Int64
    public let scanID: Int64
    public let rule: String
    public let version: Int
    public let parametersJSON: String
    public let inputFingerprint: String
    public let status: String
    public let reasonZh: String?
    public let reasonEn: String?
    public let flagged: Int
    public let clear: Int
    public let notComputable: Int
    public let notComputableReasonsJSON: String
    public let milliseconds: Int
    public let asOf: String
    public let finishedAt: String
}

/// Reads the recorded scans and rule runs.
public struct RuleRunStore: Sendable {
    public let database: SunlightDatabase

    public init(database: SunlightDatabase) { self.database = database }

    /// The latest run of each rule (the catalog page's tri-state column).
    public func latest() async throws -> [String: StoredRuleRun] {
        try await database.withConnection { db in
            let rows = try await db.raw("""
                SELECT r.*, s.as_of, s.finished_at FROM rule_runs r JOIN scan_runs s ON s.id = r.scan_id
                WHERE r.id IN (SELECT MAX(id) FROM rule_runs GROUP BY rule)
                """).all()
            var runs: [String: StoredRuleRun] = [:]
            for row in rows {
                let run = try Self.run(row)
                runs[run.rule] = run
            }
            return runs
        }
    }

    /// The run of `rule` in scan `scanID`, if any.
    public func run(rule: String, scanID: Int64) async throws -> StoredRuleRun? {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT r.*, s.as_of, s.finished_at FROM rule_runs r JOIN scan_runs s ON s.id = r.scan_id
                WHERE r.rule = \(bind: rule) AND r.scan_id = \(bind: scanID)
                """).first().map(Self.run)
        }
    }

    /// Whether any scan has been recorded.
    public func hasScans() async throws -> Bool {
        try await database.withConnection { db in
            try await db.select().column("id").from("scan_runs").limit(1).first() != nil
        }
    }

    static func run(_ row: any SQLRow) throws -> StoredRuleRun {
        StoredRuleRun(
            id: try row.decode(column: "id", as: Int64.self), scanID: try row.decode(column: "scan_id", as: Int64.self),
            rule: try row.decode(column: "rule", as: String.self), version: try row.decode(column: "version", as: Int.self),
            parametersJSON: try row.decode(column: "parameters", as: String.self),
            inputFingerprint: try row.decode(column: "input_fingerprint", as: String.self),
            status: try row.decode(column: "status", as: String.self),
            reasonZh: try row.decode(column: "reason_zh", as: String?.self), reasonEn: try row.decode(column: "reason_en", as: String?.self),
            flagged: try row.decode(column: "flagged", as: Int.self), clear: try row.decode(column: "clear", as: Int.self),
            notComputable: try row.decode(column: "not_computable", as: Int.self),
            notComputableReasonsJSON: try row.decode(column: "not_computable_reasons", as: String.self),
            milliseconds: try row.decode(column: "milliseconds", as: Int.self),
            asOf: try row.decode(column: "as_of", as: String.self), finishedAt: try row.decode(column: "finished_at", as: String.self))
    }
}

/// The deployment's rule parameters, kept in the database as the INI text of the non-default
/// values, so `sunlight scan` and the web use the same settings and every change is in the
/// ledger.
public struct RuleSettingsStore: Sendable {
    public let recorder: Recorder

    public init(recorder: Recorder) { self.recorder = recorder }

    public func current() async throws -> RuleParameters {
        let text = try await recorder.database.withConnection { db in
            try await db.select().column("ini").from("rule_settings").where("id", .equal, 1).first()?.decode(column: "ini", as: String.self)
        }
        guard let text else { return .defaults }
        return try RuleParameters(iniText: text)
    }

    public func save(_ parameters: RuleParameters, by principal: Principal) async throws {
        let text = parameters.iniText()
        try await recorder.write(by: principal) { tx in
            let now = Timestamps.now()
            try await tx.sql.delete(from: "rule_settings").where("id", .equal, 1).run()
            try await tx.sql.insert(into: "rule_settings").columns("id", "ini", "updated_at", "updated_by")
                .values(SQLBind(1), SQLBind(text), SQLBind(now), SQLBind(principal.username)).run()
            try await tx.record([Change(at: now, actor: principal.username, action: .configure, objectType: "rule_settings", objectID: "1",
                                        details: ScanStore.json(["ini": text]))])
        }
    }
}
