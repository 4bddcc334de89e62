import Foundation
import Logging
import SQLKit
import SunlightReports

/// The keys and places a report's secrets need: the office keyring (private keys, from files),
/// the installation's receipt salt (from the database), and the directory of sealed uploads.
///
/// The subject index (`SubjectIndex`) is keyed with a key derived from the ledger's key file,
/// so reports' subjects are matched by keyed hashes the database alone cannot recompute.
///
/// Prepared once at start-up. A database without office keys gets one on first start, its
/// private half written to the key directory — which must be backed up separately: without it
/// the reports cannot be read, which is the point.
public struct ReportVault: Sendable {
    public let keyring: OfficeKeyring
    public let hasher: ReceiptHasher
    public let uploads: URL
    public let subjects: SubjectIndex

    public init(keyring: OfficeKeyring, hasher: ReceiptHasher, uploads: URL, subjects: SubjectIndex) {
        self.keyring = keyring
        self.hasher = hasher
        self.uploads = uploads
        self.subjects = subjects
    }

    /// Loads (or creates) the keys and salt for `database`; `ledgerKeys` key the subject index.
    public static func prepare(database: SunlightDatabase, keyDirectory: URL, uploads: URL, ledgerKeys: LedgerKeys,
                               cost: ReceiptHasher.Cost = .standard,
                               logger: Logger = Logger(label: "sunlight.reports")) async throws -> ReportVault {
        var keyring = try OfficeKeyring.load(directory: keyDirectory)
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let salt: Data = try await database.withConnection { db in
            if let row = try await db.select().column("receipt_salt").from("report_settings").where("id", .equal, 1).first() {
                return Data(base64Encoded: try row.decode(column: "receipt_salt", as: String.self)) ?? Data()
            }
            let salt = ReceiptHasher.randomSalt()
            try await db.insert(into: "report_settings").columns("id", "receipt_salt")
                .values(SQLBind(1), SQLBind(salt.base64EncodedString())).run()
            return salt
        }
        let active = try await activeOfficeKeys(on: database)
        if active.isEmpty {
            let (ring, key) = try keyring.creatingKey()
            keyring = ring
            try await database.withConnection { db in
                try await db.insert(into: "office_keys").columns("fingerprint", "public_key", "created_at")
                    .values(SQLBind(key.publicKey.fingerprint), SQLBind(key.publicKey.base64), SQLBind(Timestamps.now())).run()
            }
            logger.notice("created an office key for sealing reports; back up its directory separately",
                          metadata: ["fingerprint": .string(key.publicKey.fingerprint), "directory": .string(keyDirectory.path)])
        } else if !active.contains(where: { keyring.keys[$0.fingerprint] != nil }) {
            logger.warning("no office private key found for this database: new reports are sealed, but none can be read here",
                           metadata: ["directory": .string(keyDirectory.path)])
        }
        return ReportVault(keyring: keyring, hasher: ReceiptHasher(installationSalt: salt, cost: cost), uploads: uploads,
                           subjects: SubjectIndex(key: ledgerKeys.derivedKey(purpose: SubjectIndex.purpose)))
    }

    static func activeOfficeKeys(on database: SunlightDatabase) async throws -> [OfficePublicKey] {
        try await database.withConnection { db in
            try await db.select().column("public_key").from("office_keys").where(SQLIdentifier("retired_at"), .is, SQLLiteral.null)
                .orderBy("created_at").all()
                .compactMap { OfficePublicKey(base64: try $0.decode(column: "public_key", as: String.self)) }
        }
    }

    /// The report's key, opened with whichever office key this installation holds.
    func openKey(envelopes: [(office: String, envelope: String)], reportID: Int64) throws -> ReportKey {
        for (office, envelope) in envelopes {
            if let key = keyring.keys[office] { return try ReportKey.open(envelope: envelope, with: key, reportID: String(reportID)) }
        }
        throw SealingError.noOfficeKey
    }
}

extension ReportVault {
    /// Default places for the key and upload directories: beside an SQLite file
    /// (`county.sqlite` → `county-keys/`, `county-uploads/`), or under the working directory
    /// for PostgreSQL. Keys must not live inside the upload directory or the database.
    public static func directories(for location: DatabaseLocation, override: URL?) -> (keys: URL, uploads: URL) {
        if let override {
            return (override.appendingPathComponent("keys"), override.appendingPathComponent("uploads"))
        }
        switch location {
        case .sqlite(let path):
            let file = URL(fileURLWithPath: path)
            let base = file.deletingPathExtension().lastPathComponent
            let folder = file.deletingLastPathComponent()
            return (folder.appendingPathComponent(base + "-keys"), folder.appendingPathComponent(base + "-uploads"))
        case .postgres:
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            return (here.appendingPathComponent("sunlight-keys"), here.appendingPathComponent("sunlight-uploads"))
        }
    }
}
