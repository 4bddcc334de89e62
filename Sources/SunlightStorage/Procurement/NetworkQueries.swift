import Foundation
import SQLKit
import SunlightContract

// Cross-tender networks of companies and buyers (PRODUCT.md §3): who bids with whom, who wins
// where, and which owners, machines, accounts and contacts bidders have in common. Plain SQL
// that SQLite and PostgreSQL read alike (COALESCE, SUBSTR, REPLACE, CASE, CAST … AS BIGINT, so
// a PostgreSQL SUM over BIGINT never comes back as NUMERIC); normalisation of identifiers is
// done the same way in SQL and in Swift.

/// A company bidding in the same tenders as the focus company.
public struct CoBidder: Sendable, Equatable {
    public let uscc: String
    public let name: String?
    /// Tenders both bid in (bids not withdrawn).
    public let sharedTenders: Int
    /// Of those, the tenders this co-bidder won, and those the focus company won.
    public let theirWins: Int
    public let focusWins: Int
}

/// The focus company's bids at one buyer.
public struct BuyerRecord: Sendable, Equatable {
    public let unitCode: String
    public let unitName: String?
    public let bids: Int
    public let wins: Int
    /// Awarded to someone else.
    public let losses: Int
    /// Award value of the tenders won, in fen.
    public let wonAmount: Int64
}

/// Another company a shared holder holds a role in.
public struct HolderTie: Sendable, Equatable {
    public let uscc: String
    public let name: String?
    public let roles: [String]
}

/// A natural person or a corporate holder that the focus company shares with other companies
/// (shareholder, legal representative, executive or supervisor). A person is never identified
/// by their full ID number here: only a masked name and the last four characters of the ID.
public struct SharedHolder: Sendable, Equatable {
    /// Stable within one answer, meaningless outside it (never the ID number).
    public let key: String
    public let isPerson: Bool
    /// A masked name (张**) for a person, the company name for a corporate holder.
    public let label: String
    /// The ID number's last four characters (persons only).
    public let idTail: String?
    /// The holder's USCC (corporate holders only).
    public let holderUSCC: String?
    public let focusRoles: [String]
    public let others: [HolderTie]
}

/// The bid columns two bidders may have in common (`bid.same_device`, `.same_bond_account`,
/// `.same_contact`).
public enum IdentifierKind: String, Sendable, CaseIterable {
    case device = "device_id", ip, fileHash = "file_hash", bondAccount = "bond_account",
         contactPhone = "contact_phone", contactName = "contact_name"

    /// The column as SQL compares it: "device upper-case, hash lower-case, phone and account
    /// without spaces, hyphens or brackets, names trimmed".
    func sqlKey(_ table: String) -> SQLQueryString {
        let column = SQLQueryString("\(ident: table).\(ident: rawValue)")
        switch self {
        case .device: return "UPPER(TRIM(\(column)))"
        case .fileHash: return "LOWER(TRIM(\(column)))"
        case .ip, .contactName: return "TRIM(\(column))"
        case .bondAccount, .contactPhone:
            var expression: SQLQueryString = "\(column)"
            for separator in Self.separators {
                expression = "REPLACE(\(expression), \(literal: separator), '')"
            }
            return expression
        }
    }

    /// The same normalisation in Swift.
    public func key(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        switch self {
        case .device: return trimmed.uppercased()
        case .fileHash: return trimmed.lowercased()
        case .ip, .contactName: return trimmed
        case .bondAccount, .contactPhone:
            var text = value
            for separator in Self.separators { text = text.replacingOccurrences(of: separator, with: "") }
            return text
        }
    }

    static let separators = [" ", "-", "(", ")", "\u{3000}", "\u{FF0D}", "\u{FF08}", "\u{FF09}"]
}

/// A bid column value of the focus company's bids that another bidder's bid also carries.
public struct SharedIdentifier: Sendable, Equatable {
    public struct Use: Sendable, Equatable {
        public let uscc: String
        public let name: String?
        /// The other bidder's tenders with this value.
        public let tenders: [String]
        /// Whether one of them is a tender the focus company bid in with the same value.
        public let sameTender: Bool
    }

    public let kind: IdentifierKind
    /// As the focus company's first bid with it wrote it.
    public let value: String
    /// The focus company's tenders with this value.
    public let focusTenders: [String]
    public let others: [Use]
}

/// A `bid.*` finding that concerns the focus company (its tenders, its USCC, or a ring it is in).
public struct NetworkFinding: Sendable, Equatable {
    public let id: Int64
    public let rule: String
    public let subject: String
    public let summaryZh: String
    public let summaryEn: String
}

/// Everything the company network page shows.
public struct CompanyNetwork: Sendable {
    public let uscc: String
    public let name: String?
    /// The company's id in the registry, for a link (nil when it is not registered).
    public let registryID: Int64?
    public let bidCount: Int
    public let winCount: Int
    public let coBidders: [CoBidder]
    public let buyers: [BuyerRecord]
    public let holders: [SharedHolder]
    public let identifiers: [SharedIdentifier]
    public let findings: [NetworkFinding]
}

/// One supplier's awards at a buyer in one year.
public struct SupplierShare: Sendable, Equatable {
    public let uscc: String
    public let name: String?
    public let awards: Int
    public let amount: Int64
    /// Share of the year's award value in tenths of a per cent (0…1000), rounded so that a
    /// year's shares add up to exactly 1000 (largest remainder).
    public let permille: Int
}

public struct BuyerYear: Sendable, Equatable {
    public let year: String
    public let total: Int64
    public let suppliers: [SupplierShare]
}

/// Everything the buyer page shows.
public struct BuyerNetwork: Sendable {
    public let unitCode: String
    public let unitName: String?
    public let tenderCount: Int
    /// Award value per supplier per year, years ascending, suppliers by amount descending.
    public let years: [BuyerYear]
    /// Current `bid.rotation` findings at this buyer.
    public let rotations: [StoredFinding]
}

/// A line of the procurement index.
public struct BuyerTotal: Sendable, Equatable {
    public let unitCode: String
    public let unitName: String?
    public let tenders: Int
    public let awarded: Int64
}

public struct BidderTotal: Sendable, Equatable {
    public let uscc: String
    public let name: String?
    public let bids: Int
    public let wins: Int
}

/// A current tender-level collusion finding with the tender's buyer and bidders.
public struct CollusionLead: Sendable, Equatable {
    public let findingID: Int64
    public let rule: String
    public let subject: String
    public let buyerUnitCode: String?
    public let bidders: [BidderTotal]
}

public struct ProcurementOverview: Sendable {
    public let tenderCount: Int
    public let bidCount: Int
    public let buyers: [BuyerTotal]
    public let bidders: [BidderTotal]
    public let leads: [CollusionLead]
    public let rotations: [StoredFinding]
}

/// Reads networks out of `tenders`, `bids`, `companies`, `company_roles` and `findings`.
///
/// Bids belong to no unit (`bids` is county-wide), so everything here needs a county-wide reach:
/// with any narrower reach the answers are nil or empty, whatever the caller checked before.
public struct NetworkQueries: Sendable {
    public let database: SunlightDatabase

    public init(database: SunlightDatabase) { self.database = database }

    /// Rules whose subject is a tender and that point at bidders acting together.
    public static let collusionRules = ["bid.same_device", "bid.same_bond_account", "bid.same_contact", "bid.common_owner",
                                        "bid.identical_prices", "bid.regular_prices", "bid.near_ceiling"]

    static let counted: SQLQueryString = "COALESCE(b.status, '') <> 'withdrawn'"

    // MARK: company

    public func company(_ rawUSCC: String, reach: UnitReach, limit: Int = 200) async throws -> CompanyNetwork? {
        guard reach == .everywhere else { return nil }
        let uscc = rawUSCC.trimmingCharacters(in: .whitespaces).uppercased()
        guard !uscc.isEmpty else { return nil }
        return try await database.withConnection { db in
            let registered = try await db.raw("SELECT id, name, legal_rep_id_number, legal_rep_name FROM companies WHERE uscc = \(bind: uscc)").first()
            let bidRow = try await db.raw("""
                SELECT COUNT(*) AS n, MAX(b.bidder_name) AS name, \
                COALESCE(SUM(CASE WHEN t.winner_uscc = b.bidder_uscc THEN 1 ELSE 0 END), 0) AS wins \
                FROM bids b LEFT JOIN tenders t ON t.tender_id = b.tender_id WHERE b.bidder_uscc = \(bind: uscc) AND \(Self.counted)
                """).first()
            let bidCount = try bidRow?.decode(column: "n", as: Int.self) ?? 0
            guard registered != nil || bidCount > 0 else { return nil }
            let name = try registered?.decode(column: "name", as: String?.self) ?? bidRow?.decode(column: "name", as: String?.self)

            // Co-bidders: one bid row per (tender, bidder), so each row is one shared tender.
            let coBidders = try await db.raw("""
                SELECT o.bidder_uscc AS uscc, MAX(o.bidder_name) AS name, COUNT(*) AS shared, \
                COALESCE(SUM(CASE WHEN t.winner_uscc = o.bidder_uscc THEN 1 ELSE 0 END), 0) AS theirs, \
                COALESCE(SUM(CASE WHEN t.winner_uscc = b.bidder_uscc THEN 1 ELSE 0 END), 0) AS ours \
                FROM bids b JOIN bids o ON o.tender_id = b.tender_id AND o.bidder_uscc <> b.bidder_uscc \
                LEFT JOIN tenders t ON t.tender_id = b.tender_id \
                WHERE b.bidder_uscc = \(bind: uscc) AND \(Self.counted) AND COALESCE(o.status, '') <> 'withdrawn' \
                GROUP BY o.bidder_uscc
                """).all().map { row in
                CoBidder(uscc: try row.decode(column: "uscc", as: String.self), name: try row.decode(column: "name", as: String?.self),
                         sharedTenders: try row.decode(column: "shared", as: Int.self), theirWins: try row.decode(column: "theirs", as: Int.self),
                         focusWins: try row.decode(column: "ours", as: Int.self))
            }.sorted { ($1.sharedTenders, $0.uscc) < ($0.sharedTenders, $1.uscc) }

            let buyers = try await db.raw("""
                SELECT t.buyer_unit_code AS unit, MAX(u.name) AS unit_name, COUNT(*) AS n, \
                COALESCE(SUM(CASE WHEN t.winner_uscc = b.bidder_uscc THEN 1 ELSE 0 END), 0) AS wins, \
                COALESCE(SUM(CASE WHEN COALESCE(t.winner_uscc, '') <> '' AND t.winner_uscc <> b.bidder_uscc THEN 1 ELSE 0 END), 0) AS losses, \
                CAST(COALESCE(SUM(CASE WHEN t.winner_uscc = b.bidder_uscc THEN COALESCE(t.award_amount, 0) ELSE 0 END), 0) AS BIGINT) AS won \
                FROM bids b JOIN tenders t ON t.tender_id = b.tender_id LEFT JOIN units u ON u.unit_code = t.buyer_unit_code \
                WHERE b.bidder_uscc = \(bind: uscc) AND \(Self.counted) GROUP BY t.buyer_unit_code
                """).all().map { row in
                BuyerRecord(unitCode: try row.decode(column: "unit", as: String.self), unitName: try row.decode(column: "unit_name", as: String?.self),
                            bids: try row.decode(column: "n", as: Int.self), wins: try row.decode(column: "wins", as: Int.self),
                            losses: try row.decode(column: "losses", as: Int.self), wonAmount: try row.decode(column: "won", as: Int64.self))
            }.sorted { ($1.bids, $0.unitCode) < ($0.bids, $1.unitCode) }

            let holders = try await Self.sharedHolders(uscc, registered: registered, on: db, limit: limit)
            let identifiers = try await Self.sharedIdentifiers(uscc, on: db, limit: limit)
            let findings = try await Self.companyFindings(uscc, on: db)
            return CompanyNetwork(
                uscc: uscc, name: name, registryID: try registered?.decode(column: "id", as: Int64.self),
                bidCount: bidCount, winCount: try bidRow?.decode(column: "wins", as: Int.self) ?? 0,
                coBidders: Array(coBidders.prefix(limit)), buyers: buyers, holders: holders, identifiers: identifiers, findings: findings)
        }
    }

    /// Persons and corporate holders the company shares with other companies, from
    /// `company_roles` and the legal representative in `companies`.
    static func sharedHolders(_ uscc: String, registered: (any SQLRow)?, on db: any SQLDatabase, limit: Int) async throws -> [SharedHolder] {
        // The focus company's own holders: key → (person?, name, roles).
        struct Holder { var isPerson: Bool; var name: String?; var roles: Set<String> }
        var own: [String: Holder] = [:]
        if let registered, let rep = try registered.decode(column: "legal_rep_id_number", as: String?.self), !rep.isEmpty {
            own[rep, default: Holder(isPerson: true, roles: [])].roles.insert("legal_rep")
            own[rep]!.name = try registered.decode(column: "legal_rep_name", as: String?.self)
        }
        for row in try await db.raw("SELECT holder_id_number, holder_uscc, holder_name, role FROM company_roles WHERE uscc = \(bind: uscc)").all() {
            let person = try row.decode(column: "holder_id_number", as: String?.self) ?? ""
            let corporate = try row.decode(column: "holder_uscc", as: String?.self) ?? ""
            let key = person.isEmpty ? corporate : person
            guard !key.isEmpty else { continue }
            var holder = own[key] ?? Holder(isPerson: !person.isEmpty, roles: [])
            holder.roles.insert(try row.decode(column: "role", as: String.self))
            if holder.name == nil { holder.name = try row.decode(column: "holder_name", as: String?.self) }
            own[key] = holder
        }
        guard !own.isEmpty else { return [] }
        let keys = own.keys.sorted()

        // Other companies the same holders hold roles in.
        var ties: [String: [String: Set<String>]] = [:]   // holder key → uscc → roles
        for row in try await db.raw("""
            SELECT uscc, COALESCE(holder_id_number, '') AS person, COALESCE(holder_uscc, '') AS corporate, role FROM company_roles \
            WHERE uscc <> \(bind: uscc) AND (holder_id_number IN (\(binds: keys)) OR holder_uscc IN (\(binds: keys)))
            """).all() {
            let person = try row.decode(column: "person", as: String.self)
            let key = person.isEmpty ? try row.decode(column: "corporate", as: String.self) : person
            ties[key, default: [:]][try row.decode(column: "uscc", as: String.self), default: []].insert(try row.decode(column: "role", as: String.self))
        }
        for row in try await db.raw("SELECT uscc, legal_rep_id_number FROM companies WHERE uscc <> \(bind: uscc) AND legal_rep_id_number IN (\(binds: keys))").all() {
            let key = try row.decode(column: "legal_rep_id_number", as: String.self)
            ties[key, default: [:]][try row.decode(column: "uscc", as: String.self), default: []].insert("legal_rep")
        }
        let tied = Set(ties.values.flatMap(\.keys)).union(own.filter { !$0.value.isPerson }.keys)
        let names = try await companyNames(Array(tied), on: db)
        var result: [SharedHolder] = []
        for (index, key) in keys.enumerated() {
            guard let companies = ties[key], !companies.isEmpty, let holder = own[key] else { continue }
            let others = companies.keys.sorted().prefix(limit).map { other in
                HolderTie(uscc: other, name: names[other], roles: Self.ordered(companies[other]!))
            }
            result.append(SharedHolder(
                key: "h\(index)", isPerson: holder.isPerson,
                label: holder.isPerson ? Self.maskName(holder.name) : (names[key] ?? holder.name ?? key),
                idTail: holder.isPerson ? String(key.suffix(4)) : nil, holderUSCC: holder.isPerson ? nil : key,
                focusRoles: Self.ordered(holder.roles), others: Array(others)))
        }
        return result
    }

    /// Values of the focus company's bids that other bidders' bids carry too, in the same tender
    /// or any other.
    static func sharedIdentifiers(_ uscc: String, on db: any SQLDatabase, limit: Int) async throws -> [SharedIdentifier] {
        let own = try await db.raw("""
            SELECT tender_id, file_hash, device_id, ip, bond_account, contact_name, contact_phone FROM bids \
            WHERE bidder_uscc = \(bind: uscc) ORDER BY tender_id
            """).all()
        var result: [SharedIdentifier] = []
        for kind in IdentifierKind.allCases {
            // key → (value as first written, focus tenders)
            var values: [String: (String, [String])] = [:]
            var order: [String] = []
            for row in own {
                guard let value = try row.decode(column: kind.rawValue, as: String?.self) else { continue }
                let key = kind.key(value)
                guard !key.isEmpty else { continue }
                if values[key] == nil { values[key] = (value, []); order.append(key) }
                values[key]!.1.append(try row.decode(column: "tender_id", as: String.self))
            }
            guard !order.isEmpty else { continue }
            let rows = try await db.raw("""
                SELECT b.bidder_uscc AS uscc, b.bidder_name AS name, b.tender_id AS tender, \(kind.sqlKey("b")) AS k FROM bids b \
                WHERE b.bidder_uscc <> \(bind: uscc) AND \(kind.sqlKey("b")) IN (\(binds: order)) ORDER BY b.bidder_uscc, b.tender_id
                """).all()
            var uses: [String: [String: (String?, [String])]] = [:]   // key → other uscc → (name, tenders)
            for row in rows {
                let key = try row.decode(column: "k", as: String.self)
                let other = try row.decode(column: "uscc", as: String.self)
                var use = try uses[key]?[other] ?? (row.decode(column: "name", as: String?.self), [])
                use.1.append(try row.decode(column: "tender", as: String.self))
                uses[key, default: [:]][other] = use
            }
            for key in order {
                guard let others = uses[key], let entry = values[key] else { continue }
                let (value, tenders) = entry
                let focusTenders = Set(tenders)
                result.append(SharedIdentifier(kind: kind, value: value, focusTenders: tenders, others: others.keys.sorted().prefix(limit).map { other in
                    let (name, theirs) = others[other]!
                    return SharedIdentifier.Use(uscc: other, name: name, tenders: theirs, sameTender: theirs.contains { focusTenders.contains($0) })
                }))
            }
        }
        return result
    }

    /// Current `bid.*` findings about the company's tenders, the company itself, or a ring
    /// whose subject names it.
    static func companyFindings(_ uscc: String, on db: any SQLDatabase) async throws -> [NetworkFinding] {
        try await db.raw("""
            SELECT id, rule, subject, summary_zh, summary_en FROM findings WHERE is_current = \(bind: true) AND rule LIKE 'bid.%' \
            AND (subject = \(bind: uscc) OR subject LIKE \(bind: "%" + uscc + "%") \
            OR subject IN (SELECT tender_id FROM bids WHERE bidder_uscc = \(bind: uscc))) ORDER BY rule, subject
            """).all().map { row in
            NetworkFinding(id: try row.decode(column: "id", as: Int64.self), rule: try row.decode(column: "rule", as: String.self),
                           subject: try row.decode(column: "subject", as: String.self),
                           summaryZh: try row.decode(column: "summary_zh", as: String.self), summaryEn: try row.decode(column: "summary_en", as: String.self))
        }
    }

    // MARK: buyer

    public func buyer(_ unitCode: String, reach: UnitReach) async throws -> BuyerNetwork? {
        guard reach == .everywhere else { return nil }
        return try await database.withConnection { db in
            let unitName = try await db.raw("SELECT name FROM units WHERE unit_code = \(bind: unitCode)").first()?.decode(column: "name", as: String?.self)
            let count = try await db.raw("SELECT COUNT(*) AS n FROM tenders WHERE buyer_unit_code = \(bind: unitCode)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            guard count > 0 || unitName != nil else { return nil }
            var byYear: [String: [(String, Int, Int64)]] = [:]
            for row in try await db.raw("""
                SELECT SUBSTR(COALESCE(award_date, published_date, ''), 1, 4) AS yr, winner_uscc AS uscc, COUNT(*) AS n, \
                CAST(SUM(award_amount) AS BIGINT) AS total FROM tenders \
                WHERE buyer_unit_code = \(bind: unitCode) AND COALESCE(winner_uscc, '') <> '' AND award_amount IS NOT NULL \
                GROUP BY SUBSTR(COALESCE(award_date, published_date, ''), 1, 4), winner_uscc
                """).all() {
                var year = try row.decode(column: "yr", as: String.self)
                if year.isEmpty { year = "—" }
                byYear[year, default: []].append((try row.decode(column: "uscc", as: String.self), try row.decode(column: "n", as: Int.self),
                                                  try row.decode(column: "total", as: Int64.self)))
            }
            let names = try await Self.companyNames(Array(Set(byYear.values.flatMap { $0.map(\.0) })), on: db)
            let years = byYear.keys.sorted().map { year -> BuyerYear in
                let rows = byYear[year]!.sorted { ($1.2, $0.0) < ($0.2, $1.0) }
                let permille = Self.shares(rows.map(\.2))
                return BuyerYear(year: year, total: rows.reduce(0) { $0 + $1.2 }, suppliers: rows.enumerated().map { index, row in
                    SupplierShare(uscc: row.0, name: names[row.0], awards: row.1, amount: row.2, permille: permille[index])
                })
            }
            var rotations = db.select().column(SQLLiteral.all).from("findings").where("rule", .equal, "bid.rotation")
                .where("subject", .like, unitCode + "|%").where("is_current", .equal, SQLBind(true)).orderBy("subject")
            if let condition = FindingStore.scope(reach) { rotations = rotations.where(condition) }
            return BuyerNetwork(unitCode: unitCode, unitName: unitName, tenderCount: count, years: years,
                                rotations: try await rotations.all().map(FindingStore.finding))
        }
    }

    /// Tenths of a per cent of each amount in the total, by largest remainder so they add up to
    /// 1000 exactly (ties to the earlier, i.e. larger, amount). Integer arithmetic only.
    public static func shares(_ amounts: [Int64]) -> [Int] {
        let total = amounts.reduce(Int64(0), +)
        guard total > 0 else { return amounts.map { _ in 0 } }
        var floors = amounts.map { Int($0 * 1000 / total) }
        let remainders = amounts.map { $0 * 1000 % total }
        var left = 1000 - floors.reduce(0, +)
        for index in amounts.indices.sorted(by: { (remainders[$1], $0) < (remainders[$0], $1) }) where left > 0 {
            floors[index] += 1
            left -= 1
        }
        return floors
    }

    // MARK: index

    public func overview(reach: UnitReach, limit: Int = 20) async throws -> ProcurementOverview? {
        guard reach == .everywhere else { return nil }
        return try await database.withConnection { db in
            let tenderCount = try await db.raw("SELECT COUNT(*) AS n FROM tenders").first()?.decode(column: "n", as: Int.self) ?? 0
            let bidCount = try await db.raw("SELECT COUNT(*) AS n FROM bids").first()?.decode(column: "n", as: Int.self) ?? 0
            let buyers = try await db.raw("""
                SELECT t.buyer_unit_code AS unit, MAX(u.name) AS unit_name, COUNT(*) AS n, \
                CAST(COALESCE(SUM(CASE WHEN COALESCE(t.winner_uscc, '') <> '' THEN COALESCE(t.award_amount, 0) ELSE 0 END), 0) AS BIGINT) AS total \
                FROM tenders t LEFT JOIN units u ON u.unit_code = t.buyer_unit_code GROUP BY t.buyer_unit_code
                """).all().map { row in
                BuyerTotal(unitCode: try row.decode(column: "unit", as: String.self), unitName: try row.decode(column: "unit_name", as: String?.self),
                           tenders: try row.decode(column: "n", as: Int.self), awarded: try row.decode(column: "total", as: Int64.self))
            }.sorted { ($1.awarded, $0.unitCode) < ($0.awarded, $1.unitCode) }
            let bidders = try await db.raw("""
                SELECT b.bidder_uscc AS uscc, MAX(b.bidder_name) AS name, COUNT(*) AS n, \
                COALESCE(SUM(CASE WHEN t.winner_uscc = b.bidder_uscc THEN 1 ELSE 0 END), 0) AS wins \
                FROM bids b LEFT JOIN tenders t ON t.tender_id = b.tender_id WHERE \(Self.counted) GROUP BY b.bidder_uscc
                """).all().map { row in
                BidderTotal(uscc: try row.decode(column: "uscc", as: String.self), name: try row.decode(column: "name", as: String?.self),
                            bids: try row.decode(column: "n", as: Int.self), wins: try row.decode(column: "wins", as: Int.self))
            }.sorted { ($1.bids, $0.uscc) < ($0.bids, $1.uscc) }

            let findingRows = try await db.select().columns("id", "rule", "subject").from("findings")
                .where("rule", .in, Self.collusionRules).where("is_current", .equal, SQLBind(true))
                .orderBy("rule").orderBy("subject").limit(500).all()
            let leadsRaw = try findingRows.map { row in
                (try row.decode(column: "id", as: Int64.self), try row.decode(column: "rule", as: String.self), try row.decode(column: "subject", as: String.self))
            }
            let tenderIDs = Array(Set(leadsRaw.map(\.2))).sorted()
            var tenderBidders: [String: [BidderTotal]] = [:]
            var tenderBuyer: [String: String] = [:]
            if !tenderIDs.isEmpty {
                for row in try await db.raw("""
                    SELECT b.tender_id AS tender, b.bidder_uscc AS uscc, b.bidder_name AS name, t.buyer_unit_code AS unit, \
                    CASE WHEN t.winner_uscc = b.bidder_uscc THEN 1 ELSE 0 END AS won \
                    FROM bids b LEFT JOIN tenders t ON t.tender_id = b.tender_id WHERE b.tender_id IN (\(binds: tenderIDs)) \
                    ORDER BY b.tender_id, b.bidder_uscc
                    """).all() {
                    let tender = try row.decode(column: "tender", as: String.self)
                    tenderBidders[tender, default: []].append(BidderTotal(
                        uscc: try row.decode(column: "uscc", as: String.self), name: try row.decode(column: "name", as: String?.self),
                        bids: 1, wins: try row.decode(column: "won", as: Int.self)))
                    if let unit = try row.decode(column: "unit", as: String?.self) { tenderBuyer[tender] = unit }
                }
            }
            let leads = leadsRaw.map { id, rule, subject in
                CollusionLead(findingID: id, rule: rule, subject: subject, buyerUnitCode: tenderBuyer[subject], bidders: tenderBidders[subject] ?? [])
            }
            let rotations = try await db.select().column(SQLLiteral.all).from("findings").where("rule", .equal, "bid.rotation")
                .where("is_current", .equal, SQLBind(true)).orderBy("subject").all().map(FindingStore.finding)
            return ProcurementOverview(tenderCount: tenderCount, bidCount: bidCount, buyers: Array(buyers.prefix(limit)),
                                       bidders: Array(bidders.prefix(limit)), leads: leads, rotations: rotations)
        }
    }

    // MARK: helpers

    /// Names from the company register, else the name a bid gave.
    static func companyNames(_ usccs: [String], on db: any SQLDatabase) async throws -> [String: String] {
        guard !usccs.isEmpty else { return [:] }
        var names: [String: String] = [:]
        for chunk in stride(from: 0, to: usccs.count, by: 500).map({ Array(usccs[$0..<min($0 + 500, usccs.count)]) }) {
            for row in try await db.raw("SELECT bidder_uscc AS uscc, MAX(bidder_name) AS name FROM bids WHERE bidder_uscc IN (\(binds: chunk)) GROUP BY bidder_uscc").all() {
                if let name = try row.decode(column: "name", as: String?.self) { names[try row.decode(column: "uscc", as: String.self)] = name }
            }
            for row in try await db.raw("SELECT uscc, name FROM companies WHERE uscc IN (\(binds: chunk))").all() {
                names[try row.decode(column: "uscc", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        return names
    }

    static let roleOrder = ["legal_rep", "shareholder", "executive", "supervisor"]

    static func ordered(_ roles: Set<String>) -> [String] {
        roles.sorted { (roleOrder.firstIndex(of: $0) ?? 99, $0) < (roleOrder.firstIndex(of: $1) ?? 99, $1) }
    }

    /// 张三丰 → 张**: the surname and one star per other character.
    public static func maskName(_ name: String?) -> String {
        guard let name = name?.trimmingCharacters(in: .whitespaces), let first = name.first else { return "*" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }
}
