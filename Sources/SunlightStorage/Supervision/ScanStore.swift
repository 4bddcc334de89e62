import Crypto
import Foundation
import SQLKit
import SunlightContract
import SunlightRules

/// Writes a scan's results: the scan run, each rule's run, and the findings — created,
/// refreshed or cleared — each change in the ledger.
enum ScanStore {
    static func save(results: [RuleResult], rules: [any SupervisionRule], timings: [String: Int], loaded: LoadedSupervisionData,
                     request: ScanRequest, started: String, tx: WriteTransaction) async throws -> Int64 {
        let now = Timestamps.now()
        let current = results.reduce(0) { $0 + $1.findings.count }
        let scanRow = try await tx.sql.insert(into: "scan_runs")
            .columns("started_at", "finished_at", "as_of", "actor", "parameters", "dataset_fingerprints", "rules_run", "findings_current")
            .values(SQLBind(started), SQLBind(now), SQLBind(request.asOf.iso), SQLBind(tx.principal.username),
                    SQLBind(request.parameters.iniText()), SQLBind(Self.json(loaded.fingerprints)), SQLBind(results.count), SQLBind(current))
            .returning("id").first()
        let scanID = try scanRow!.decode(column: "id", as: Int64.self)
        var changes: [Change] = [Change(at: now, actor: tx.principal.username, action: .scan, objectType: "scan_runs",
                                        objectID: String(scanID),
                                        details: Self.json(["as_of": request.asOf.iso, "rules": String(results.count),
                                                            "findings": String(current)]))]
        for (rule, result) in zip(rules, results) {
            let fingerprint = Self.inputFingerprint(rule.inputs, loaded.fingerprints)
            let (statusText, reasonZh, reasonEn): (String, String?, String?) = {
                switch result.status {
                case .computed: return ("computed", nil, nil)
                case .notComputable(let zh, let en): return ("not_computable", zh, en)
                }
            }()
            let reasons = result.notComputableReasons.map { ["zh": $0.reasonZh, "en": $0.reasonEn, "count": String($0.count)] }
            try await tx.sql.insert(into: "rule_runs")
                .columns("scan_id", "rule", "version", "parameters", "input_fingerprint", "status", "reason_zh", "reason_en",
                         "flagged", "clear", "not_computable", "not_computable_reasons", "milliseconds")
                .values(SQLBind(scanID), SQLBind(result.code), SQLBind(result.version), SQLBind(Self.json(result.parameters)),
                        SQLBind(fingerprint), SQLBind(statusText), SQLBind(reasonZh), SQLBind(reasonEn), SQLBind(result.flagged),
                        SQLBind(result.clear), SQLBind(result.notComputable), SQLBind(Self.jsonArray(reasons)),
                        SQLBind(timings[result.code] ?? 0))
                .run()
            // A rule that could not run says nothing about its subjects: its findings stay as they were.
            guard case .computed = result.status else { continue }
            changes += try await saveFindings(result, scanID: scanID, placement: loaded.placement, now: now, tx: tx)
        }
        try await tx.record(changes)
        return scanID
    }

    private static func saveFindings(_ result: RuleResult, scanID: Int64, placement: FindingPlacement, now: String,
                                     tx: WriteTransaction) async throws -> [Change] {
        let db = tx.sql
        var existing: [String: (id: Int64, hash: String, current: Bool)] = [:]
        for row in try await db.select().columns("id", "subject", "evidence_hash", "is_current").from("findings")
            .where("rule", .equal, result.code).all() {
            existing[try row.decode(column: "subject", as: String.self)] =
                (try row.decode(column: "id", as: Int64.self), try row.decode(column: "evidence_hash", as: String.self),
                 try row.decode(column: "is_current", as: Bool.self))
        }
        var changes: [Change] = []
        var events: [[any SQLExpression]] = []
        var inserts: [(finding: Finding, evidence: String, hash: String)] = []
        var unchanged: [Int64] = []
        var seen: Set<String> = []
        let actor = tx.principal.username
        for finding in result.findings {
            seen.insert(finding.subject)
            let evidence = finding.evidence.json()
            let hash = Hex.encode(SHA256.hash(data: Data(finding.jsonLine().utf8)))
            guard let old = existing[finding.subject] else {
                inserts.append((finding, evidence, hash))
                continue
            }
            if old.hash == hash && old.current {
                unchanged.append(old.id)
                continue
            }
            try await db.update("findings")
                .set("severity", to: SQLBind(finding.severity.rawValue)).set("summary_zh", to: SQLBind(finding.summaryZh))
                .set("summary_en", to: SQLBind(finding.summaryEn)).set("evidence", to: SQLBind(evidence))
                .set("evidence_hash", to: SQLBind(hash)).set("is_current", to: SQLBind(true))
                .set("unit_code", to: SQLBind(placement.unit(of: finding)))
                .set("period", to: SQLBind(placement.period(of: finding, evidenceJSON: evidence)))
                .set("last_scan_id", to: SQLBind(scanID)).set("updated_at", to: SQLBind(now))
                .where("id", .equal, old.id).run()
            let what = old.current ? "refreshed" : "flagged_again"
            events.append([SQLBind(old.id), SQLBind(now), SQLBind(actor), SQLBind(what), SQLBind("scan \(scanID)")])
            changes.append(Change(at: now, actor: actor, action: .update, objectType: "findings", objectID: String(old.id),
                                  objectKey: result.code + "|" + finding.subject, hashBefore: old.hash, hashAfter: hash,
                                  details: json(["scan": String(scanID), "event": what])))
        }
        let insertedHashes = Dictionary(inserts.map { ($0.finding.subject, $0.hash) }, uniquingKeysWith: { a, _ in a })
        let columns = ["rule", "subject", "severity", "unit_code", "period", "summary_zh", "summary_en", "evidence", "evidence_hash",
                       "status", "is_current", "first_scan_id", "last_scan_id", "created_at", "updated_at"]
        for chunk in stride(from: 0, to: inserts.count, by: 200) {
            var insert = db.insert(into: "findings").columns(columns)
            for item in inserts[chunk..<min(chunk + 200, inserts.count)] {
                let f = item.finding
                insert = insert.values([
                    SQLBind(f.rule), SQLBind(f.subject), SQLBind(f.severity.rawValue), SQLBind(placement.unit(of: f)),
                    SQLBind(placement.period(of: f, evidenceJSON: item.evidence)), SQLBind(f.summaryZh), SQLBind(f.summaryEn),
                    SQLBind(item.evidence), SQLBind(item.hash), SQLBind(FindingStatus.open.rawValue), SQLBind(true),
                    SQLBind(scanID), SQLBind(scanID), SQLBind(now), SQLBind(now),
                ])
            }
            for row in try await insert.returning("id", "subject").all() {
                let id = try row.decode(column: "id", as: Int64.self)
                let subject = try row.decode(column: "subject", as: String.self)
                let hash = insertedHashes[subject]
                events.append([SQLBind(id), SQLBind(now), SQLBind(actor), SQLBind("flagged"), SQLBind("scan \(scanID)")])
                changes.append(Change(at: now, actor: actor, action: .create, objectType: "findings", objectID: String(id),
                                      objectKey: result.code + "|" + subject, hashAfter: hash,
                                      details: json(["scan": String(scanID), "event": "flagged"])))
            }
        }
        for chunk in stride(from: 0, to: unchanged.count, by: 500) {
            try await db.update("findings").set("last_scan_id", to: SQLBind(scanID))
                .where("id", .in, Array(unchanged[chunk..<min(chunk + 500, unchanged.count)])).run()
        }
        for (subject, old) in existing where old.current && !seen.contains(subject) {
            try await db.update("findings").set("is_current", to: SQLBind(false)).set("updated_at", to: SQLBind(now))
                .where("id", .equal, old.id).run()
            events.append([SQLBind(old.id), SQLBind(now), SQLBind(actor), SQLBind("cleared"), SQLBind("scan \(scanID)")])
            changes.append(Change(at: now, actor: actor, action: .update, objectType: "findings", objectID: String(old.id),
                                  objectKey: result.code + "|" + subject, hashBefore: old.hash, hashAfter: old.hash,
                                  details: json(["scan": String(scanID), "event": "cleared"])))
        }
        for chunk in stride(from: 0, to: events.count, by: 400) {
            var insert = db.insert(into: "finding_events").columns("finding_id", "at", "actor", "action", "detail")
            for event in events[chunk..<min(chunk + 400, events.count)] { insert = insert.values(event) }
            try await insert.run()
        }
        return changes
    }

    /// The fingerprint of a rule's input: its datasets' fingerprints, in name order.
    /// Tenders and bids also come from OCDS processes when any are imported, so their rules'
    /// input then includes those.
    static func inputFingerprint(_ inputs: [String], _ fingerprints: [String: String]) -> String {
        var inputs = inputs
        if fingerprints["ocds"] != nil, !inputs.contains("ocds"), inputs.contains("tenders") || inputs.contains("bids") {
            inputs.append("ocds")
        }
        let text = inputs.sorted().map { "\($0)=\(fingerprints[$0] ?? "absent")" }.joined(separator: "\n")
        return Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }

    static func json(_ object: [String: String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func jsonArray(_ array: [[String: String]]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: array, options: [.sortedKeys]) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
