import Crypto
import Foundation
import SQLKit
import SunlightContract
import SunlightDomain
import SunlightProcurement
import SunlightStorage

/// `sunlight import ocds FILE…`: OCDS data (release or record packages, records, releases,
/// compiled releases as JSON Lines; see `OCDSReader`) into the database, one contracting process
/// per `ocid`.
///
/// Like every import: one transaction per file, all-or-nothing (an invalid JSON line or a file
/// that is not OCDS rejects the file, with line numbers, unless `skipInvalid`), idempotent,
/// recorded in `imports` (dataset `ocds`) and the ledger. Reading runs on a dedicated thread on
/// all cores in bounded batches; each batch is written while the next is read.
public struct OCDSImporter: Sendable {
    public let recorder: Recorder

    public init(recorder: Recorder) { self.recorder = recorder }

    public static let datasetName = "ocds"

    public func run(file: URL, fileName: String? = nil, options: ImportOptions = ImportOptions(),
                    by principal: Principal) async throws -> ImportReport {
        let fileName = fileName ?? file.lastPathComponent
        let sha256 = try Importer.sha256(of: file)
        let started = Timestamps.now()
        var report = ImportReport.starting(dataset: Self.datasetName, fileName: fileName, fileSHA256: sha256)
        var readOptions = ReadOptions()
        readOptions.skipInvalid = options.skipInvalid
        let readerOptions = readOptions
        let initial = report
        do {
            return try await recorder.write(by: principal) { tx in
                let progress = options.progress
                let (summary, counts) = try await ThreadBridge.run { () throws -> (ReadSummary, OCDSProcessStore.Counts) in
                    var total = OCDSProcessStore.Counts()
                    var pending: ThreadBridge.Pending<OCDSProcessStore.Counts>?
                    let summary: ReadSummary
                    do {
                        summary = try OCDSReader(options: readerOptions).read(file: file) { batch in
                            let encoded = try batch.map(Self.encode)
                            if let previous = pending {
                                pending = nil
                                total.add(try previous.wait())
                            }
                            pending = ThreadBridge.start { try await OCDSProcessStore.save(encoded, tx: tx) }
                            progress?(batch.count)
                        }
                    } catch {
                        // The batch being written must finish before the transaction rolls back.
                        _ = try? pending?.wait()
                        throw error
                    }
                    if let previous = pending { total.add(try previous.wait()) }
                    return (summary, total)
                }
                var done = initial
                done.rowsRead = summary.processes
                done.inserted = counts.inserted
                done.updated = counts.updated
                done.unchanged = counts.unchanged
                done.rejectedRows = summary.skippedCount
                done.errorCount = summary.skippedCount
                done.errors = summary.skipped.map(Self.cellError)
                done.status = summary.skippedCount > 0 ? .committedWithRejects : .committed
                done.importID = try await Importer.record(done, started: started, principal: principal, tx: tx)
                return done
            }
        } catch let error as ReadError {
            // Nothing of the file is kept; the attempt is recorded with the problem.
            report.fileError = FileProblem(line: error.line, code: "ocds." + error.kind.rawValue,
                                           messageZh: error.messageZh, messageEn: error.messageEn)
            return try await Importer.recordAttempt(report, started: started, recorder: recorder, principal: principal)
        }
    }

    static func encode(_ process: ContractingProcess) throws -> OCDSProcessStore.Encoded {
        let json = try StoredProcess.encode(process)
        let hash = Hex.encode(SHA256.hash(data: Data(json.utf8)))
        return OCDSProcessStore.Encoded(ocid: process.ocid, buyerID: process.buyer?.id, buyerName: process.buyer?.name,
                                        json: json, hash: hash)
    }

    static func cellError(_ error: ReadError) -> CellError {
        CellError(line: error.line ?? 0, column: error.column.map(String.init) ?? "", value: "", code: "ocds." + error.kind.rawValue,
                  messageZh: error.messageZh, messageEn: error.messageEn)
    }
}

extension OCDSProcessStore.Counts {
    mutating func add(_ other: OCDSProcessStore.Counts) {
        inserted += other.inserted
        updated += other.updated
        unchanged += other.unchanged
    }
}
