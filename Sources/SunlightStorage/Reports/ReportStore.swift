import Crypto
import Foundation
import SQLKit
import SunlightRegime
import SunlightReports

/// Reports: receiving them (portal and internal intake), the reporter's follow-up with the
/// receipt code, the conversation and attachments — every secret sealed under the report's key.
///
/// The store never holds a report's words in the clear outside the call that needs them;
/// what it writes to the database and the upload directory is ciphertext, and what it writes
/// to the ledger is hashes and non-personal facts (channel, type).
public struct ReportStore: Sendable {
    public let recorder: Recorder
    public let vault: ReportVault

    public init(recorder: Recorder, vault: ReportVault) {
        self.recorder = recorder
        self.vault = vault
    }

    /// The principal the public portal acts as: it has no account and leaves no trace of who
    /// submitted (no IP address, no user agent).
    public static let publicPortal = Principal(userID: nil, username: "public", role: .witness, unitCode: nil)

    // MARK: Receiving

    /// Seals and stores a report. With `issueReceipt` a receipt code is made (portal reports;
    /// internal intake may give one to a letter writer too) and returned — only here, once.
    public func submit(_ submission: ReportSubmission, channel: ReportChannel, type: ReportType, files: [IncomingFile] = [],
                       issueReceipt: Bool, findingID: Int64? = nil, subjectIDNumber: String? = nil,
                       receivedOn: String? = nil, by principal: Principal) async throws -> SubmittedReport {
        try Self.check(files)
        let clean = try submission.validated()
        let vault = self.vault
        let offices = try await ReportVault.activeOfficeKeys(on: recorder.database)
        guard !offices.isEmpty else { throw ReportError.cannotRead }
        let key = ReportKey.generate()
        let receipt = issueReceipt ? ReceiptCode.generate() : nil
        let lookup = try receipt.map { try vault.hasher.lookupHash($0) }
        let receiptSalt = ReceiptHasher.randomSalt()
        let now = Timestamps.now()
        let today = receivedOn ?? Self.chinaDate(Date())
        let names = files.map { _ in UUID().uuidString.lowercased() + ".sealed" }
        do {
            let result = try await recorder.write(by: principal) { tx -> SubmittedReport in
                let placeholder = "pending-" + UUID().uuidString
                // The subject goes in sealed (below, once the id is known); the legacy columns stay empty.
                let subject = ReportSubject(name: clean.subjectName, unit: clean.subjectUnit, post: clean.subjectPost, idNumber: subjectIDNumber)
                let row = try await tx.sql.insert(into: "reports")
                    .columns("reference", "channel", "report_type", "anonymous", "received_at", "received_on", "subject_name",
                             "subject_unit", "subject_post", "subject_name_key", "subject_unit_key", "subject_id_key", "subject_unit_code",
                             "sealed_text", "sealed_when", "finding_id", "entered_by", "reporter_status", "updated_at")
                    .values(SQLBind(placeholder), SQLBind(channel.rawValue), SQLBind(type.rawValue), SQLBind(clean.anonymous),
                            SQLBind(now), SQLBind(today), SQLBind(""), SQLBind(""), SQLBind(""),
                            SQLBind(vault.subjects.text(subject.name)), SQLBind(vault.subjects.text(subject.unit)),
                            SQLBind(vault.subjects.idNumber(subject.idNumber)),
                            SQLBind(try await Self.resolveUnitCode(of: subject, on: tx.sql)),
                            SQLBind(""), SQLBind(""), SQLBind(findingID),
                            SQLBind(principal.username), SQLBind(ReporterStatus.received.rawValue), SQLBind(now))
                    .returning("id").first()
                let id = try row!.decode(column: "id", as: Int64.self)
                try await Self.resolveSubject(reportID: id, subject: subject, index: vault.subjects, on: tx.sql)
                let reference = "JB" + today.replacingOccurrences(of: "-", with: "").prefix(4) + "-" + String(format: "%06lld", id)
                let ctx = "report:\(id):"
                var update = tx.sql.update("reports")
                    .set("reference", to: SQLBind(reference))
                    .set("sealed_text", to: SQLBind(try key.seal(clean.text, context: ctx + "text")))
                    .set("sealed_when", to: SQLBind(try key.seal(clean.when, context: ctx + "when")))
                    .set("sealed_subject", to: SQLBind(try subject.sealed(with: key, reportID: id)))
                if let identity = clean.identityJSON {
                    update = update.set("sealed_identity", to: SQLBind(try key.seal(identity, context: ctx + "identity")))
                }
                if !clean.contact.isEmpty {
                    update = update.set("sealed_contact", to: SQLBind(try key.seal(clean.contact, context: ctx + "contact")))
                }
                if let receipt, let lookup {
                    let wrapping = try vault.hasher.wrappingKey(receipt, reportSalt: receiptSalt)
                    update = update.set("receipt_hash", to: SQLBind(lookup))
                        .set("receipt_salt", to: SQLBind(receiptSalt.base64EncodedString()))
                        .set("receipt_wrapped_key", to: SQLBind(try key.wrapped(under: wrapping, reportID: String(id))))
                }
                try await update.where("id", .equal, id).run()
                for office in offices {
                    try await tx.sql.insert(into: "report_envelopes").columns("report_id", "office_key", "envelope")
                        .values(SQLBind(id), SQLBind(office.fingerprint), SQLBind(try key.sealed(to: office, reportID: String(id)))).run()
                }
                for (file, name) in zip(files, names) {
                    try await Self.storeFile(file, as: name, reportID: id, author: .reporter, key: key, vault: vault, at: now, on: tx.sql)
                }
                try await tx.record([Change(at: now, actor: principal.username, action: .report, objectType: "reports", objectID: String(id),
                                            hashAfter: tx.secretDigest(clean.text),
                                            details: ScanStore.json(["step": "received", "channel": channel.rawValue, "type": type.rawValue,
                                                                     "files": String(files.count)]))])
                return SubmittedReport(id: id, reference: reference, receipt: receipt, receivedOn: today)
            }
            return result
        } catch {
            for name in names { try? FileManager.default.removeItem(at: vault.uploads.appendingPathComponent(name)) }
            throw error
        }
    }

    // MARK: The reporter's side

    /// The report a receipt code opens, as its reporter sees it; `nil` for an unknown code (the
    /// caller answers the same for a wrong code and a missing report).
    public func follow(_ receipt: ReceiptCode) async throws -> ReporterView? {
        guard let (id, key) = try await openWithReceipt(receipt) else { return nil }
        return try await recorder.database.withConnection { db in
            guard let row = try await db.select().columns("reference", "received_on", "reporter_status").from("reports")
                .where("id", .equal, id).first() else { return nil }
            return ReporterView(reference: try row.decode(column: "reference", as: String.self),
                                receivedOn: try row.decode(column: "received_on", as: String.self),
                                status: ReporterStatus(rawValue: try row.decode(column: "reporter_status", as: String.self)) ?? .received,
                                messages: try await Self.messages(reportID: id, key: key, on: db),
                                files: try await Self.files(reportID: id, key: key, on: db))
        }
    }

    /// The reporter adds information: a message and/or files.
    public func addFromReporter(_ receipt: ReceiptCode, text: String, files: [IncomingFile] = []) async throws -> Bool {
        guard let (id, key) = try await openWithReceipt(receipt) else { return false }
        try await add(reportID: id, key: key, author: .reporter, text: text, files: files, by: Self.publicPortal)
        return true
    }

    /// A handler writes to the reporter (only reports with a receipt have someone to read it).
    public func reply(reportID: Int64, text: String, files: [IncomingFile] = [], by principal: Principal) async throws {
        let key = try await openKey(reportID: reportID)
        try await add(reportID: reportID, key: key, author: .handler, text: text, files: files, by: principal)
    }

    private func add(reportID: Int64, key: ReportKey, author: ReportMessage.Author, text: String, files: [IncomingFile],
                     by principal: Principal) async throws {
        try Self.check(files)
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty || !files.isEmpty else {
            throw ReportError(code: "report.message_empty", messageZh: "请填写内容或添加附件", messageEn: "write something or attach a file")
        }
        guard text.count <= ReportSubmission.maxTextLength else {
            throw ReportError(code: "report.text_long", messageZh: "内容过长", messageEn: "the text is too long")
        }
        let vault = self.vault
        let now = Timestamps.now()
        let names = files.map { _ in UUID().uuidString.lowercased() + ".sealed" }
        do {
            try await recorder.write(by: principal) { tx in
                if !text.isEmpty {
                    let row = try await tx.sql.insert(into: "report_messages").columns("report_id", "at", "author_kind", "author", "sealed_body")
                        .values(SQLBind(reportID), SQLBind(now), SQLBind(author.rawValue),
                                SQLBind(author == .handler ? principal.username : nil), SQLBind(""))
                        .returning("id").first()
                    let messageID = try row!.decode(column: "id", as: Int64.self)
                    try await tx.sql.update("report_messages")
                        .set("sealed_body", to: SQLBind(try key.seal(text, context: "report:\(reportID):message:\(messageID)")))
                        .where("id", .equal, messageID).run()
                }
                for (file, name) in zip(files, names) {
                    try await Self.storeFile(file, as: name, reportID: reportID, author: author, key: key, vault: vault, at: now, on: tx.sql)
                }
                try await tx.sql.update("reports").set("updated_at", to: SQLBind(now)).where("id", .equal, reportID).run()
                try await tx.record([Change(at: now, actor: principal.username, action: .report, objectType: "reports",
                                            objectID: String(reportID), hashAfter: tx.secretDigest(text),
                                            details: ScanStore.json(["step": author == .reporter ? "reporter_added" : "handler_replied",
                                                                     "files": String(files.count)]))])
            }
        } catch {
            for name in names { try? FileManager.default.removeItem(at: vault.uploads.appendingPathComponent(name)) }
            throw error
        }
    }

    /// An attachment's bytes, opened — by receipt (reporter) or by report id (handler).
    public func file(_ fileID: Int64, receipt: ReceiptCode) async throws -> (ReportFileInfo, Data)? {
        guard let (id, key) = try await openWithReceipt(receipt) else { return nil }
        return try await readFile(fileID, reportID: id, key: key)
    }

    public func file(_ fileID: Int64, reportID: Int64) async throws -> (ReportFileInfo, Data)? {
        try await readFile(fileID, reportID: reportID, key: try await openKey(reportID: reportID))
    }

    // MARK: Keys

    private func openWithReceipt(_ receipt: ReceiptCode) async throws -> (Int64, ReportKey)? {
        let lookup = try vault.hasher.lookupHash(receipt)
        let found: (Int64, String, String)? = try await recorder.database.withConnection { db in
            guard let row = try await db.select().columns("id", "receipt_salt", "receipt_wrapped_key").from("reports")
                .where("receipt_hash", .equal, lookup).first() else { return nil }
            return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "receipt_salt", as: String.self),
                    try row.decode(column: "receipt_wrapped_key", as: String.self))
        }
        guard let (id, salt, wrapped) = found, let saltData = Data(base64Encoded: salt) else {
            // A wrong code costs what a right one does (the second scrypt derivation), so the
            // time of an answer does not tell a guesser that a code exists.
            _ = try? vault.hasher.wrappingKey(receipt, reportSalt: ReceiptHasher.randomSalt())
            return nil
        }
        let key = try ReportKey.unwrap(wrapped, with: try vault.hasher.wrappingKey(receipt, reportSalt: saltData), reportID: String(id))
        return (id, key)
    }

    func openKey(reportID: Int64) async throws -> ReportKey {
        let envelopes: [(office: String, envelope: String)] = try await recorder.database.withConnection { db in
            try await db.select().columns("office_key", "envelope").from("report_envelopes").where("report_id", .equal, reportID).all()
                .map { (try $0.decode(column: "office_key", as: String.self), try $0.decode(column: "envelope", as: String.self)) }
        }
        guard !envelopes.isEmpty else { throw RecordNotFound(dataset: "reports", id: reportID) }
        do { return try vault.openKey(envelopes: envelopes, reportID: reportID) } catch { throw ReportError.cannotRead }
    }

    // MARK: Rows

    static func messages(reportID: Int64, key: ReportKey, on db: any SQLDatabase) async throws -> [ReportMessage] {
        try await db.select().columns("id", "at", "author_kind", "sealed_body").from("report_messages")
            .where("report_id", .equal, reportID).orderBy("id").all().map { row in
                let id = try row.decode(column: "id", as: Int64.self)
                return ReportMessage(at: try row.decode(column: "at", as: String.self),
                                     author: ReportMessage.Author(rawValue: try row.decode(column: "author_kind", as: String.self)) ?? .handler,
                                     text: try key.openText(try row.decode(column: "sealed_body", as: String.self),
                                                            context: "report:\(reportID):message:\(id)"))
            }
    }

    static func files(reportID: Int64, key: ReportKey, on db: any SQLDatabase) async throws -> [ReportFileInfo] {
        try await db.select().columns("id", "at", "author_kind", "sealed_name", "sealed_type", "size").from("report_files")
            .where("report_id", .equal, reportID).orderBy("id").all().map { try fileInfo($0, reportID: reportID, key: key) }
    }

    private static func fileInfo(_ row: any SQLRow, reportID: Int64, key: ReportKey) throws -> ReportFileInfo {
        let id = try row.decode(column: "id", as: Int64.self)
        return ReportFileInfo(id: id, at: try row.decode(column: "at", as: String.self),
                              author: ReportMessage.Author(rawValue: try row.decode(column: "author_kind", as: String.self)) ?? .handler,
                              name: try key.openText(try row.decode(column: "sealed_name", as: String.self), context: "report:\(reportID):file-name"),
                              contentType: try key.openText(try row.decode(column: "sealed_type", as: String.self),
                                                            context: "report:\(reportID):file-type"),
                              size: try row.decode(column: "size", as: Int.self))
    }

    private func readFile(_ fileID: Int64, reportID: Int64, key: ReportKey) async throws -> (ReportFileInfo, Data)? {
        let found: (ReportFileInfo, String)? = try await recorder.database.withConnection { db in
            guard let row = try await db.select().columns("id", "at", "author_kind", "sealed_name", "sealed_type", "size", "stored_name")
                .from("report_files").where("id", .equal, fileID).where("report_id", .equal, reportID).first() else { return nil }
            return (try Self.fileInfo(row, reportID: reportID, key: key), try row.decode(column: "stored_name", as: String.self))
        }
        guard let (info, stored) = found else { return nil }
        let sealed = try String(contentsOf: vault.uploads.appendingPathComponent(stored), encoding: .utf8)
        return (info, try key.open(sealed, context: "report:\(reportID):file:\(stored)"))
    }

    /// Writes the sealed file under its random name; the caller removes it if the transaction fails.
    private static func storeFile(_ file: IncomingFile, as stored: String, reportID: Int64, author: ReportMessage.Author, key: ReportKey,
                                  vault: ReportVault, at now: String, on db: any SQLDatabase) async throws {
        let url = vault.uploads.appendingPathComponent(stored)
        let sealed = try key.seal(file.data, context: "report:\(reportID):file:\(stored)")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(sealed.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ReportError(code: "report.file_store", messageZh: "附件无法保存", messageEn: "the file could not be stored")
        }
        try await db.insert(into: "report_files").columns("report_id", "at", "author_kind", "stored_name", "sealed_name", "sealed_type", "size")
            .values(SQLBind(reportID), SQLBind(now), SQLBind(author.rawValue), SQLBind(stored),
                    SQLBind(try key.seal(file.name, context: "report:\(reportID):file-name")),
                    SQLBind(try key.seal(file.contentType, context: "report:\(reportID):file-type")), SQLBind(file.data.count)).run()
    }

    static func check(_ files: [IncomingFile]) throws {
        if files.count > IncomingFile.maxFiles { throw ReportError.tooManyFiles }
        if files.contains(where: { $0.data.count > IncomingFile.maxBytes }) { throw ReportError.fileTooLarge }
    }

    static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Today in China (reports are dated by the local calendar the deadlines run on).
    static func chinaDate(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
