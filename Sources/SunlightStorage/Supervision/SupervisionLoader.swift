import Crypto
import Foundation
import SQLKit
import SQLiteKit
import SunlightContract
import SunlightDomain
import SunlightProcurement
import SunlightRules

/// What a scan reads: the rules' input, a fingerprint of each dataset's rows, and the lookups
/// that place a finding in the unit tree.
public struct LoadedSupervisionData: Sendable {
    public let data: SupervisionData
    /// Dataset name → fingerprint of its rows (see `DatasetFingerprint`).
    public let fingerprints: [String: String]
    public let rowCounts: [String: Int]
    public let placement: FindingPlacement
}

/// Reads every dataset the rules use from the database into a `SupervisionData`.
///
/// Rows are streamed (never a whole table of `SQLRow`s in memory) into the builder, which
/// interns their strings; the same pass folds each row's stored hash into its dataset's
/// fingerprint, so a rule run can name exactly which input it saw.
public struct SupervisionLoader: Sendable {
    public let database: SunlightDatabase

    public init(database: SunlightDatabase) { self.database = database }

    public func load() async throws -> LoadedSupervisionData {
        try await load(rawRows: true)
    }

    /// `load`, on SQLite with rows read in place (`SQLiteRawStoredRow`) or, for tests that hold
    /// the two to the same result, through SQLiteNIO.
    ///
    /// The benefit rolls — about half of a province's rows — are read on a second connection,
    /// into a builder of their own, while everything else is read on the first; the first
    /// builder then takes the benefits in (`absorbBenefits`). Loading is most of a scan's time,
    /// and this spreads it over two cores. The split is the same on both backends and for every
    /// data set, so symbols are numbered alike whatever finishes first.
    func load(rawRows: Bool) async throws -> LoadedSupervisionData {
        async let benefitsRead = read(rawRows: rawRows, Self.loadBenefits)
        let state = try await read(rawRows: rawRows, Self.loadAll)
        let benefits = try await benefitsRead
        // A scan that quietly left processes out would report them "clear": refuse instead.
        if state.undecodableProcesses > 0 {
            throw UnreadableRowsError(table: "ocds_processes", count: state.undecodableProcesses)
        }
        state.builder.absorbBenefits(of: benefits.builder)
        state.fingerprints.merge(benefits.fingerprints) { _, benefit in benefit }
        state.placement.recipientVillage = benefits.placement.recipientVillage
        state.placement.accountVillage = benefits.placement.accountVillage
        return LoadedSupervisionData(data: state.builder.build(), fingerprints: state.fingerprints.mapValues { $0.hex },
                                     rowCounts: state.fingerprints.mapValues(\.count), placement: state.placement)
    }

    /// Runs `body` on a connection of its own into a new state: on SQLite with the connection's
    /// own handle, rows read in place (SQLiteNIO's rows if unavailable); else through SQLKit.
    private func read(rawRows: Bool, _ body: @escaping @Sendable (RowSource, LoadState) async throws -> Void) async throws -> LoadState {
        let state = LoadState()
        let viaSQLite: Void? = try await database.withSQLiteConnection { connection in
            guard rawRows, let handle = await SQLiteHandle.of(connection.sql()) else {
                return try await body(.sqlite(connection), state)
            }
            let raw = SQLiteBulkConnection(handle: handle)
            defer { raw.close() }
            try await body(.raw(raw), state)
        }
        if viaSQLite == nil {
            try await database.withConnection { db in try await body(.sql(db), state) }
        }
        return state
    }

    private static func loadAll(_ db: RowSource, _ state: LoadState) async throws {
            try await Self.stream(Registry.units, ["unit_code", "name", "parent_code", "kind"], db, state) { r, s in
            s.builder.append(UnitRow(code: r.text("unit_code"), name: r.text("name"), parentCode: r.optional("parent_code"),
                                     kind: r.text("kind")))
        }
        try await Self.stream(Registry.people, ["id_number", "name", "unit_code", "category", "since", "until"], db, state) { r, s in
            let id = r.text("id_number"), unit = r.text("unit_code")
            s.placement.personUnit[id] = unit
            s.builder.append(PersonRow(idNumber: id, name: r.text("name"), unitCode: unit, category: r.text("category"),
                                       since: r.date("since"), until: r.date("until")))
        }
        try await Self.stream(Registry.relatives, ["id_number", "relative_id_number", "relation"], db, state) { r, s in
            s.builder.append(RelativeRow(idNumber: r.text("id_number"), relativeIDNumber: r.text("relative_id_number"),
                                         relation: r.text("relation")))
        }
        try await Self.stream(Registry.households, ["household_id", "id_number", "village_code"], db, state) { r, s in
            let village = r.optional("village_code")
            if let village { s.placement.residentVillage[r.text("id_number")] = village }
            s.builder.append(HouseholdRow(householdID: r.text("household_id"), idNumber: r.text("id_number"), villageCode: village))
        }
        try await Self.stream(Registry.companies, ["uscc", "name", "legal_rep_id_number", "established", "status", "status_date"], db, state) { r, s in
            s.builder.append(CompanyRow(uscc: r.text("uscc"), name: r.text("name"), legalRepIDNumber: r.optional("legal_rep_id_number"),
                                        established: r.date("established"), status: r.optional("status"),
                                        statusDate: r.date("status_date")))
        }
        try await Self.stream(Registry.companyRoles, ["uscc", "holder_id_number", "holder_uscc", "role"], db, state) { r, s in
            s.builder.append(CompanyRoleRow(uscc: r.text("uscc"), holderIDNumber: r.optional("holder_id_number"),
                                            holderUSCC: r.optional("holder_uscc"), role: r.text("role")))
        }
        try await Self.stream(GovernmentData.deaths, ["id_number", "death_date"], db, state) { r, s in
            guard let date = r.date("death_date") else { return }
            s.builder.append(DeathRow(idNumber: r.text("id_number"), deathDate: date))
        }
        try await Self.stream(GovernmentData.vehicles, ["plate", "owner_id_number", "vehicle_type", "registered"], db, state) { r, s in
            s.builder.append(VehicleRow(plate: r.text("plate"), ownerIDNumber: r.text("owner_id_number"),
                                        vehicleType: r.optional("vehicle_type"), registered: r.date("registered")))
        }
        try await Self.stream(GovernmentData.programs, ["program", "means_tested", "exclusive_with", "min_age"], db, state) { r, s in
            let exclusive = (r.optional("exclusive_with") ?? "").split(separator: "|")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            s.builder.append(ProgramRow(program: r.text("program"), meansTested: r.bool("means_tested"), exclusiveWith: exclusive,
                                        minAge: r.integer("min_age").map(Int.init)))
        }
        try await Self.stream(GovernmentData.budgets, ["year", "unit_code", "category", "project_code", "amount"], db, state) { r, s in
            s.builder.append(BudgetRow(year: Int(r.integer("year") ?? 0), unitCode: r.text("unit_code"), category: r.text("category"),
                                       projectCode: r.optional("project_code"), amount: r.integer("amount") ?? 0))
        }
        try await Self.stream(GovernmentData.payments,
                              ["voucher_no", "unit_code", "date", "payee_name", "payee_code", "payee_account", "amount", "category",
                               "project_code", "purpose", "approver_id_number"], db, state) { r, s in
            guard let date = r.date("date") else { return }
            s.builder.append(PaymentRow(voucherNo: r.text("voucher_no"), unitCode: r.text("unit_code"), date: date,
                                        payeeName: r.text("payee_name"), payeeCode: r.optional("payee_code"),
                                        payeeAccount: r.optional("payee_account"), amount: r.integer("amount") ?? 0,
                                        category: r.optional("category"), projectCode: r.optional("project_code"),
                                        purpose: r.optional("purpose"), approverIDNumber: r.optional("approver_id_number")))
        }
        try await Self.stream(GovernmentData.projects,
                              ["project_code", "name", "unit_code", "approved_budget", "funding_source", "approved_date", "tender_id",
                               "contract_amount", "final_amount", "approved_scale", "actual_scale", "status", "accepted_date", "closed_date"],
                              db, state) { r, s in
            let code = r.text("project_code"), unit = r.text("unit_code")
            s.placement.projectUnit[code] = unit
            s.builder.append(ProjectRow(projectCode: code, name: r.text("name"), unitCode: unit,
                                        approvedBudget: r.integer("approved_budget") ?? 0, fundingSource: r.optional("funding_source"),
                                        approvedDate: r.date("approved_date"), tenderID: r.optional("tender_id"),
                                        contractAmount: r.integer("contract_amount"), finalAmount: r.integer("final_amount"),
                                        approvedScale: r.optional("approved_scale"), actualScale: r.optional("actual_scale"),
                                        status: r.optional("status"), acceptedDate: r.date("accepted_date"),
                                        closedDate: r.date("closed_date")))
        }
        try await Self.stream(GovernmentData.serviceCases,
                              ["case_no", "matter", "unit_code", "received_at", "completed_at", "time_limit_days", "status"], db, state) { r, s in
            guard let received = r.instant("received_at") else { return }
            let code = r.text("case_no"), unit = r.text("unit_code")
            s.placement.caseUnit[code] = unit
            s.builder.append(ServiceCaseRow(caseNo: code, matter: r.text("matter"), unitCode: unit, receivedAt: received,
                                            completedAt: r.instant("completed_at"), timeLimitDays: Int(r.integer("time_limit_days") ?? 0),
                                            status: r.optional("status")))
        }
        // OCDS processes before the tenders and bids CSVs: a CSV row for the same tender (and
        // bidder) is a later row, and wins (data-contract.md, OCDS mapping).
        try await Self.stream(name: "ocds", table: "ocds_processes", ["process"], db, state) { r, s in
            guard let process = try? StoredProcess.decode(r.text("process")) else {
                s.undecodableProcesses += 1
                return
            }
            s.builder.append(process)
        }
        if state.fingerprints["ocds"]?.count == 0 { state.fingerprints["ocds"] = nil }
        try await Self.stream(GovernmentData.tenders,
                              ["tender_id", "title", "buyer_unit_code", "method", "ceiling", "published_date", "deadline", "award_date",
                               "winner_uscc", "award_amount"], db, state) { r, s in
            let tender = r.text("tender_id"), buyer = r.text("buyer_unit_code")
            s.placement.tenderUnit[tender] = buyer
            s.builder.append(TenderRow(tenderID: tender, title: r.optional("title"), buyerUnitCode: buyer, method: r.optional("method"),
                                       ceiling: r.integer("ceiling"), publishedDate: r.date("published_date"),
                                       deadline: r.instant("deadline"), awardDate: r.date("award_date"),
                                       winnerUSCC: r.optional("winner_uscc"), awardAmount: r.integer("award_amount")))
        }
        try await Self.stream(GovernmentData.bids,
                              ["tender_id", "bidder_uscc", "bidder_name", "amount", "submitted_at", "status", "file_hash", "device_id", "ip",
                               "bond_account", "contact_name", "contact_phone"], db, state) { r, s in
            s.builder.append(BidRow(tenderID: r.text("tender_id"), bidderUSCC: r.text("bidder_uscc"), bidderName: r.optional("bidder_name"),
                                    amount: r.integer("amount") ?? 0, submittedAt: r.instant("submitted_at"), status: r.optional("status"),
                                    fileHash: r.optional("file_hash"), deviceID: r.optional("device_id"), ip: r.optional("ip"),
                                    bondAccount: r.optional("bond_account"), contactName: r.optional("contact_name"),
                                    contactPhone: r.optional("contact_phone")))
        }
    }

    /// The benefit rolls (see `load`): the recipients' and accounts' villages place findings.
    private static func loadBenefits(_ db: RowSource, _ state: LoadState) async throws {
        try await Self.stream(GovernmentData.benefits,
                              ["program", "period", "id_number", "name", "household_id", "village_code", "amount", "account", "paid_date"],
                              db, state) { r, s in
            guard let period = YearMonth(text: r.text("period")) else { return }
            let id = r.text("id_number"), village = r.optional("village_code")
            if let village, s.placement.recipientVillage[id] == nil { s.placement.recipientVillage[id] = village }
            let account = r.optional("account")
            if let account, let village {
                let key = FindingPlacement.accountKey(account)
                if s.placement.accountVillage[key] == nil { s.placement.accountVillage[key] = village }
            }
            s.builder.append(BenefitRow(program: r.text("program"), period: period, idNumber: id, name: r.text("name"),
                                        householdID: r.optional("household_id"), villageCode: village, amount: r.integer("amount") ?? 0,
                                        account: account, paidDate: r.date("paid_date")))
        }
    }

    /// Streams a table's rows, oldest first, into `body`, folding each stored hash into the
    /// dataset's fingerprint. On SQLite the rows are read straight from SQLiteNIO (no
    /// `Decodable` per cell: loading is most of a scan's time); on PostgreSQL through SQLKit.
    private static func stream(_ dataset: SunlightContract.Dataset, _ columns: [String], _ db: RowSource, _ state: LoadState,
                               _ body: @escaping @Sendable (any StoredRow, LoadState) -> Void) async throws {
        try await stream(name: dataset.name, table: dataset.table, columns, db, state, body)
    }

    private static func stream(name: String, table: String, _ columns: [String], _ db: RowSource, _ state: LoadState,
                               _ body: @escaping @Sendable (any StoredRow, LoadState) -> Void) async throws {
        state.fingerprints[name] = DatasetFingerprint()
        @Sendable func consume(_ row: any StoredRow) {
            state.fingerprints[name]!.add(row.text("record_hash"))
            body(row, state)
        }
        let list = (columns + ["record_hash"]).joined(separator: ", ")
        let sql = "SELECT \(list) FROM \(table) ORDER BY id"
        switch db {
        case .raw(let connection):
            // Blocking reads, on the thread pool (as SQLiteNIO runs its own); rows one at a time.
            try await connection.run { connection in
                var fingerprint = DatasetFingerprint()
                try SQLiteRawStoredRow.stream(sql, on: connection) { row, hash in
                    fingerprint.add(hexBytes: hash)
                    body(row, state)
                }
                state.fingerprints[name] = fingerprint
            }
        case .sqlite(let connection):
            try await connection.query(sql, []) { row in consume(SQLiteStoredRow(row: row)) }
        case .sql(let sql_):
            try await sql_.raw(SQLQueryString(sql)).run { row in consume(SQLKitStoredRow(row: row)) }
        }
    }
}

/// Stored rows a scan cannot read (written by a newer Sunlight, or edited outside it): the scan
/// stops rather than leave them out, since rules would call what they never saw "clear".
public struct UnreadableRowsError: BilingualError, Equatable {
    public var code: String { "scan.unreadable_rows" }
    public var kind: ErrorKind { .conflict }
    public let table: String
    public let count: Int

    public init(table: String, count: Int) {
        self.table = table
        self.count = count
    }

    public var messageZh: String {
        "\(table) 中有 \(count) 行无法读取（由更新版本写入，或在系统外被修改）；请运行 sunlight verify，并重新导入该数据"
    }
    public var messageEn: String {
        "\(count) rows of \(table) cannot be read (written by a newer Sunlight, or edited outside it); run sunlight verify and import that data again"
    }
}

/// Where rows are read from: SQLiteNIO directly, or SQLKit (PostgreSQL).
enum RowSource: @unchecked Sendable {
    /// The handle of a pooled SQLite connection, held for the whole load.
    case raw(SQLiteBulkConnection)
    case sqlite(SQLiteConnection)
    case sql(any SQLDatabase)
}

/// Mutable loading state; the row callbacks run one at a time on the connection's event loop.
private final class LoadState: @unchecked Sendable {
    var builder = SupervisionDataBuilder()
    var fingerprints: [String: DatasetFingerprint] = [:]
    var placement = FindingPlacement()
    /// Stored processes that no longer decode (written by a newer Sunlight): counted, not guessed.
    var undecodableProcesses = 0
}

/// A stored row, read by column name with the contract's storage forms (ISO dates and instants,
/// integers for money and counts).
protocol StoredRow {
    func optional(_ column: String) -> String?
    func integer(_ column: String) -> Int64?
    func bool(_ column: String) -> Bool?
}

extension StoredRow {
    func text(_ column: String) -> String { optional(column) ?? "" }

    func date(_ column: String) -> LocalDate? { optional(column).flatMap(LocalDate.init(iso:)) }

    func instant(_ column: String) -> Date? { optional(column).flatMap { try? DateParsing.instant($0) } }
}

struct SQLKitStoredRow: StoredRow {
    let row: any SQLRow

    func optional(_ column: String) -> String? {
        guard let text = try? row.decode(column: column, as: String?.self), !text.isEmpty else { return nil }
        return text
    }

    func integer(_ column: String) -> Int64? { (try? row.decode(column: column, as: Int64?.self)) ?? nil }

    func bool(_ column: String) -> Bool? { (try? row.decode(column: column, as: Bool?.self)) ?? nil }
}

struct SQLiteStoredRow: StoredRow {
    let row: SQLiteRow

    func optional(_ column: String) -> String? {
        guard let text = row.column(column)?.string, !text.isEmpty else { return nil }
        return text
    }

    func integer(_ column: String) -> Int64? { row.column(column)?.integer.map(Int64.init) }

    func bool(_ column: String) -> Bool? { row.column(column)?.integer.map { $0 != 0 } }
}

/// An order-independent digest of a dataset's rows: the count and the lane-wise wrapping sum of
/// their SHA-256 record hashes. The same rows give the same fingerprint on SQLite and
/// PostgreSQL, whatever order they were imported in.
struct DatasetFingerprint: Sendable {
    var count = 0
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func add(_ hex: String) {
        var hex = hex
        hex.withUTF8 { add(hexBytes: UnsafeRawBufferPointer($0)) }
    }

    /// `add` of a hash given as the bytes of its text (nil: no text), read without making a
    /// string of it: each 16-digit lane as `UInt64(_:radix: 16)` reads it (which it is asked
    /// for a lane that is not all hex digits: it also takes a sign), 0 where that fails.
    mutating func add(hexBytes bytes: UnsafeRawBufferPointer?) {
        count += 1
        guard let bytes, bytes.count == 64 else { return }
        func lane(_ i: Int) -> UInt64 {
            var value: UInt64 = 0
            for byte in bytes[(i * 16)..<(i * 16 + 16)] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return UInt64(String(decoding: bytes[(i * 16)..<(i * 16 + 16)], as: UTF8.self), radix: 16) ?? 0
                }
                value = value << 4 | UInt64(digit)
            }
            return value
        }
        lanes = (lanes.0 &+ lane(0), lanes.1 &+ lane(1), lanes.2 &+ lane(2), lanes.3 &+ lane(3))
    }

    var hex: String {
        let text = "\(count):\(lanes.0),\(lanes.1),\(lanes.2),\(lanes.3)"
        return Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }
}
