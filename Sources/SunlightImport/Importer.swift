import Crypto
import Foundation
import SQLKit
import SunlightContract
import SunlightDomain
import SunlightStorage
import SunlightTabular

/// Imports a dataset file: streams its rows, validates each against the data contract, writes
/// them in batches inside one transaction, and records the import.
///
/// All-or-nothing: if any row is invalid (and `skipInvalid` is off) the transaction is rolled
/// back and the report lists every bad row; the attempt itself is still recorded. Memory stays
/// flat: rows are held one batch at a time; only a 64-bit hash per key is kept, to find
/// duplicate keys within the file.
public struct Importer: Sendable {
    public let recorder: Recorder

    public init(recorder: Recorder) { self.recorder = recorder }

    public func run(_ dataset: Dataset, file: URL, fileName: String? = nil, options: ImportOptions = ImportOptions(),
                    by principal: Principal) async throws -> ImportReport {
        let fileName = fileName ?? file.lastPathComponent
        // The file's digest is taken beside the import rather than before it: on a large file
        // that is a tenth of a second of one processor, which the reader need not wait for.
        let digest = Task.detached { try Self.sha256(of: file) }
        let started = Timestamps.now()
        let initial = ImportReport.starting(dataset: dataset.name, fileName: fileName, fileSHA256: "")
        let reach = principal.reach
        do {
            return try await recorder.write(by: principal, bulk: true) { tx in
                var report = initial
                let state = try await Self.stream(dataset: dataset, file: file, options: options, reach: reach, tx: tx)
                report.fileSHA256 = try await digest.value
                report.rowsRead = state.rowsRead
                report.errors = state.errors
                report.errorCount = state.errorCount
                report.rejectedRows = state.rejectedRows
                report.fileError = state.fileError
                report.inserted = state.inserted
                report.updated = state.updated
                report.unchanged = state.unchanged
                if state.fileError != nil || (state.rejectedRows > 0 && !options.skipInvalid) {
                    throw Rejected(report: report)
                }
                if dataset.replacesRolls {
                    // The rolls' rows are looked up through their index.
                    try await tx.settle()
                    report.deleted = try await Self.dropUnrepeatedRows(of: state, in: dataset, tx: tx)
                }
                report.status = state.rejectedRows > 0 ? .committedWithRejects : .committed
                report.importID = try await Self.record(report, started: started, principal: principal, tx: tx)
                return report
            }
        } catch let rejected as Rejected {
            var report = rejected.report
            report.status = .rejected
            report.inserted = 0
            report.updated = 0
            report.unchanged = 0
            return try await Self.recordAttempt(report, started: started, recorder: recorder, principal: principal)
        }
    }

    /// A rejected import is still recorded (in its own transaction: the import's was rolled back).
    static func recordAttempt(_ report: ImportReport, started: String, recorder: Recorder, principal: Principal) async throws -> ImportReport {
        var report = report
        let final = report
        report.importID = try await recorder.write(by: principal) { tx in
            try await record(final, started: started, principal: principal, tx: tx)
        }
        return report
    }

    /// Thrown inside the transaction to roll it back while carrying the report out.
    private struct Rejected: Error { let report: ImportReport }

    /// Reading state, owned by the reader thread.
    private final class State: @unchecked Sendable {
        var rowsRead = 0
        var errors: [CellError] = []
        var errorCount = 0
        var rejectedRows = 0
        var fileError: FileProblem?
        var inserted = 0
        var updated = 0
        var unchanged = 0
        /// Rolls (`replacesRolls`): the rolls this file brings with the rows written to each, each row key written, and how
        /// often each (roll, person) came so far.
        var rolls: [String: Int] = [:]
        var writtenRowKeys: Set<Int> = []
        var rollOrdinals: [Int: Int32] = [:]
        /// The roll of the last row written and the rows written to it since it became the last.
        var lastRoll: String?
        var lastRollRows = 0

        /// Adds the last roll's rows to `rolls` (a file's rows mostly come roll by roll: the
        /// dictionary is asked only when the roll changes).
        func closeRoll() {
            if let roll = lastRoll { rolls[roll, default: 0] += lastRollRows }
            lastRoll = nil
            lastRollRows = 0
        }
    }

    private static func stream(dataset: Dataset, file: URL, options: ImportOptions, reach: UnitReach,
                               tx: WriteTransaction) async throws -> State {
        try await ThreadBridge.run {
            let state = State()
            let source: any TabularSource
            do {
                source = try openTabularSource(url: file, preferredSheet: dataset.name)
            } catch let error as TabularError {
                state.fileError = FileProblem(line: error.line, code: error.code, messageZh: error.messageZh, messageEn: error.messageEn)
                return state
            }
            let isSpreadsheet = source is XLSXSource
            let parser = RowParser(dataset: dataset, parser: FieldParser(acceptsExcelSerialDates: isSpreadsheet))
            let idNumber = dataset.fields.firstIndex { $0.name == "id_number" }
            func reject(_ errors: [CellError]) {
                state.rejectedRows += 1
                state.errorCount += errors.count
                for error in errors where state.errors.count < options.maxReportedErrors { state.errors.append(error) }
            }
            // Batches are written in order, one at a time, while the next are parsed: up to
            // `options.writesAhead` of them wait for the writer or are being written. Each is held
            // here too, so that it is freed on this thread, not the writer's.
            var inFlight: [(pending: ThreadBridge.Pending<[SaveOutcome]>, batch: PreparedRecords)] = []
            // The rows of the batch being read, and each one's stored key: its contract key, or
            // for rolls the row key made below. With the keys seen so far (a hash of each, and its
            // line), local variables rather than `state`'s: the row closure does not escape, so
            // their accesses need no run-time exclusivity checks, row after row.
            var batch: [ParsedRow] = []
            var batchKeys: [String] = []
            // Writes below county level, and of units, are checked batch by batch against the
            // writer's reach, the rows they would replace and the unit tree (`ReachGuard`), on the
            // transaction's own connection: it sees what earlier batches wrote. Each row's line
            // is kept for the report.
            let reachGuard = ReachGuard.isNeeded(for: dataset, reach: reach)
                ? try ThreadBridge.await { try await ReachGuard.load(for: dataset, reach: reach, on: tx.sql) } : nil
            var batchLines: [Int] = []
            var seenKeys: [Int: Int] = [:]
            var rowsRead = 0
            var header: HeaderMap?
            // However this thread leaves (a read error, a failed write, a failed reach check),
            // no write may still run when the transaction ends. After a failed write the later
            // ones fail at once, without writing (`ThreadBridge.start(after:)`).
            defer { for write in inFlight { _ = try? write.pending.wait() } }
            func settleOldest() throws {
                let (pending, batch) = inFlight.removeFirst()
                defer { withExtendedLifetime(batch) {} }
                var counts = (inserted: 0, updated: 0, unchanged: 0)
                for outcome in try pending.wait() {
                    switch outcome {
                    case .inserted: counts.inserted += 1
                    case .updated: counts.updated += 1
                    case .unchanged: counts.unchanged += 1
                    }
                }
                state.inserted += counts.inserted
                state.updated += counts.updated
                state.unchanged += counts.unchanged
            }
            func settle() throws {
                while !inFlight.isEmpty { try settleOldest() }
            }
            func flush() throws {
                guard !batch.isEmpty else { return try settle() }
                var rows = batch
                var keys = batchKeys
                let lines = batchLines
                batch = []
                batchKeys = []
                batchLines = []
                batch.reserveCapacity(options.batchSize)
                if let reachGuard {
                    // The connection must be idle and hold every earlier batch.
                    try settle()
                    let records = rows.map { $0.record(in: dataset) }
                    let candidateKeys = keys
                    let refusals = try ThreadBridge.await { try await reachGuard.check(records, keys: candidateKeys, on: tx.sql) }
                    if refusals.contains(where: { $0 != nil }) {
                        var accepted: [Int] = []
                        for (index, refusal) in refusals.enumerated() {
                            guard let refusal else { accepted.append(index); continue }
                            let column = refusal.column(in: dataset)
                            reject([CellError(line: lines[index], column: column, value: String(keys[index].prefix(64)),
                                              code: refusal.rawValue, messageZh: refusal.messageZh, messageEn: refusal.messageEn)])
                        }
                        rows = accepted.map { rows[$0] }
                        keys = accepted.map { keys[$0] }
                        if rows.isEmpty { return }
                    }
                }
                // Will roll back: stop writing, keep checking.
                if state.rejectedRows > 0 && !options.skipInvalid { return try settle() }
                // Hashing happens here, on the reader's thread, while earlier batches are still
                // being written; only then does this thread wait, if the queue is full.
                // Distinct: a key seen earlier in the file was rejected, and rolls number their rows.
                let prepared = tx.prepare(rows: rows, rowKeys: keys, distinctKeys: true, in: dataset)
                while inFlight.count >= max(1, options.writesAhead) { try settleOldest() }
                let pending = ThreadBridge.start(after: inFlight.last?.pending) { try await tx.save(prepared) }
                inFlight.append((pending, prepared))
            }
            do {
                try source.read(header: { headers in
                    header = try HeaderMap(headers: headers, dataset: dataset)
                }, row: { row in
                    rowsRead += 1
                    if let progress = options.progress, rowsRead % options.progressEvery == 0 { progress(rowsRead) }
                    switch parser.parseRow(fields: row.fields, line: row.line, header: header!) {
                    case .failure(let problems):
                        reject(problems.errors)
                    case .success(let parsed):
                        let key = dataset.key(values: parsed.values)
                        if dataset.replacesRolls {
                            // A person twice in a roll is kept: the n-th row for them gets key `…|n`.
                            let person = idNumber.flatMap { parsed.values[$0].text } ?? ""
                            // (roll, person) counted by a hash of both parts: no joined string to build and hash.
                            var hasher = Hasher()
                            hasher.combine(key)
                            hasher.combine(person)
                            let personHash = hasher.finalize()
                            let ordinal = state.rollOrdinals[personHash, default: 0] + 1
                            state.rollOrdinals[personHash] = ordinal
                            let rowKey = key + "|" + person + "|" + String(ordinal)
                            if key != state.lastRoll {
                                state.closeRoll()
                                state.lastRoll = key
                            }
                            state.lastRollRows += 1
                            state.writtenRowKeys.insert(rowKey.hashValue)
                            batch.append(parsed)
                            batchKeys.append(rowKey)
                            if reachGuard != nil { batchLines.append(row.line) }
                            if batch.count >= options.batchSize { try flush() }
                            return
                        }
                        var hasher = Hasher()
                        hasher.combine(key)
                        let hash = hasher.finalize()
                        // One probe of the table for both the look-up and the insert; the rare
                        // duplicate puts its first line back.
                        if let first = seenKeys.updateValue(row.line, forKey: hash) {
                            seenKeys[hash] = first
                            reject([CellError(line: row.line, column: dataset.keyFields.map(\.name).joined(separator: "+"), value: key,
                                              code: "key.duplicate", messageZh: "与第 \(first) 行的键重复",
                                              messageEn: "same key as line \(first)")])
                            return
                        }
                        batch.append(parsed)
                        batchKeys.append(key)
                        if reachGuard != nil { batchLines.append(row.line) }
                        if batch.count >= options.batchSize { try flush() }
                    }
                })
                try flush()
                try settle()
            } catch let error as TabularError {
                state.fileError = FileProblem(line: error.line, code: error.code, messageZh: error.messageZh, messageEn: error.messageEn)
            } catch let error as HeaderError {
                state.fileError = FileProblem(line: 1, code: "header", messageZh: error.messageZh, messageEn: error.messageEn)
            }
            state.rowsRead = rowsRead
            if header == nil && state.fileError == nil {
                state.fileError = FileProblem(line: nil, code: "file.empty", messageZh: "文件为空，没有表头", messageEn: "the file is empty: no header row")
            }
            options.progress?(rowsRead)
            return state
        }
    }

    /// Replacing a roll: rows of the file's rolls that the file did not bring again are deleted
    /// (each deletion in the ledger, with the row's last hash).
    ///
    /// A roll holding exactly as many rows as the file wrote to it has none to delete: each row
    /// key written is in it, and they are distinct. Counting through the roll's index spares
    /// reading every row of it back (the whole table, on a first import).
    private static func dropUnrepeatedRows(of state: State, in dataset: Dataset, tx: WriteTransaction) async throws -> Int {
        state.closeRoll()
        let rollFields = dataset.keyFields.map(\.name)
        var deleted = 0
        for (roll, written) in state.rolls.sorted(by: { $0.key < $1.key }) {
            let parts = roll.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            var count = tx.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "rows").from(dataset.table)
            for (field, value) in zip(rollFields, parts) { count = count.where(SQLIdentifier(field), .equal, SQLBind(value)) }
            if let row = try await count.first(), try row.decode(column: "rows", as: Int.self) == written { continue }
            var select = tx.sql.select().columns("id", "row_key").from(dataset.table)
            for (field, value) in zip(rollFields, parts) { select = select.where(SQLIdentifier(field), .equal, SQLBind(value)) }
            for row in try await select.all() {
                let rowKey = try row.decode(column: "row_key", as: String.self)
                if state.writtenRowKeys.contains(rowKey.hashValue) { continue }
                try await tx.delete(id: try row.decode(column: "id", as: Int64.self), in: dataset)
                deleted += 1
            }
        }
        return deleted
    }

    static func record(_ report: ImportReport, started: String, principal: Principal, tx: WriteTransaction) async throws -> Int64 {
        var kept = report.errors
        if let problem = report.fileError {
            // The file-level problem is kept with the row problems, marked by its `file:` code.
            kept.insert(CellError(line: problem.line ?? 0, column: "", value: "", code: "file:" + problem.code,
                                  messageZh: problem.messageZh, messageEn: problem.messageEn), at: 0)
        }
        let rejects = String(decoding: (try? JSONEncoder().encode(kept)) ?? Data("[]".utf8), as: UTF8.self)
        let row = try await tx.sql.insert(into: "imports")
            .columns("dataset", "file_name", "file_sha256", "actor", "started_at", "finished_at", "status",
                     "rows_read", "rows_inserted", "rows_updated", "rows_unchanged", "rows_deleted", "rows_rejected", "rejects")
            .values(SQLBind(report.dataset), SQLBind(report.fileName), SQLBind(report.fileSHA256), SQLBind(principal.username),
                    SQLBind(started), SQLBind(Timestamps.now()), SQLBind(report.status.rawValue),
                    SQLBind(report.rowsRead), SQLBind(report.inserted), SQLBind(report.updated), SQLBind(report.unchanged),
                    SQLBind(report.deleted), SQLBind(report.rejectedRows), SQLBind(rejects))
            .returning("id").first()
        let id = try row!.decode(column: "id", as: Int64.self)
        let details: [String: String] = [
            "dataset": report.dataset, "file_sha256": report.fileSHA256, "status": report.status.rawValue,
            "rows_read": String(report.rowsRead), "inserted": String(report.inserted), "updated": String(report.updated),
            "unchanged": String(report.unchanged), "deleted": String(report.deleted), "rejected": String(report.rejectedRows),
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys]), as: UTF8.self)
        try await tx.note(.importFile, objectType: "imports", objectID: String(id), details: json)
        return id
    }

    /// SHA-256 of the file, read in 1 MiB chunks.
    static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return Hex.encode(hasher.finalize())
    }
}
