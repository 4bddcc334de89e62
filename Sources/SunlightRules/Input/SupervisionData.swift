import SunlightDomain
import SunlightProcurement

/// Everything the rules read, interned, sorted and indexed once (`SupervisionDataBuilder.build()`),
/// then shared read-only by every rule — concurrently, since it is an immutable value.
///
/// Benefits are kept sorted by (person, program, period) and payments by (unit, payee, date,
/// amount), so the rules that group by those keys walk contiguous runs instead of copying tables.
/// Derived indexes (households, close relatives, company links, posts per person, village
/// cadres, vehicles per owner, earliest death) are built here so that rules share them.
public struct SupervisionData: Sendable {
    let symbols: SymbolTable
    let counts: [Dataset: Int]

    let unitNames: [Int32: Int32]
    let people: [PersonRecord]
    /// person → indices into `people` (their posts).
    let postsOfPerson: Adjacency<UInt8>
    /// village unit code → indices into `people` of `village_cadre` posts in it.
    let cadresOfVillage: Adjacency<UInt8>
    /// person → close relative, with the relative's relation to the person.
    let relatives: Adjacency<KinRelation>
    /// person → household; household → person. From `households` plus the benefit rows' household_id.
    let householdsOfPerson: Adjacency<UInt8>
    let membersOfHousehold: Adjacency<UInt8>
    let householdVillage: [Int32: Int32]
    let companies: [CompanyRecord]
    let companyByUSCC: [Int32: Int32]
    /// person → company index; company index → person.
    let companiesOfPerson: Adjacency<CompanyLink>
    let personsOfCompany: Adjacency<CompanyLink>
    let vehicles: [VehicleRecord]
    let vehiclesOfOwner: Adjacency<UInt8>
    let earliestDeath: [Int32: Int32]
    let programs: ProgramCatalog
    let benefits: [BenefitRecord]
    let budgets: [BudgetRecord]
    let payments: [PaymentRecord]
    let projects: [ProjectRow]
    let serviceCases: [ServiceCaseRecord]
    /// OCDS contracting processes, in import order (Cardinal's indicators fold them in order).
    let processes: [ContractingProcess]
    /// `tenders`, one per tender_id (a repeated tender_id: the later row).
    let tenders: [TenderRecord]
    /// `bids`, one per (tender_id, bidder_uscc) (repeated: the later row), sorted by tender_id
    /// then bidder USCC (byte order), so that each tender's bids are a contiguous range.
    let bids: [BidRecord]
    /// Every tender_id of `tenders` or `bids`, in byte order of the id.
    let bidGroups: [BidGroup]
    /// tender_id symbol → index into `bidGroups`.
    let bidGroupOfTender: [Int32: Int32]
    /// Company USCC → the people linked to it ("legal_rep_id_number, or a natural person in any
    /// company_roles row of it"), each with every way they are linked. Unlike
    /// `personsOfCompany`, it includes companies absent from `companies` (a bidder's roles need
    /// no registration dates). Built only when bids were imported.
    let linksOfUSCC: Adjacency<CompanyLinkSet>
    let idErrors: [Int32: ValueError]

    /// An empty data set (every rule is then not computable).
    public init() { self = SupervisionDataBuilder().build() }

    init(building builder: consuming SupervisionDataBuilder) {
        var b = builder
        var symbols = b.symbols
        programs = ProgramCatalog(rows: b.programRows, symbols: &symbols)
        b.programRows = []

        // Benefits by (person, program, period); the original position breaks ties so that the
        // order, and hence every evidence list, does not depend on the sort algorithm.
        var order = Array(0..<Int32(b.benefits.count))
        let rows = b.benefits
        order.sort { i, j in
            let x = rows[Int(i)], y = rows[Int(j)]
            if x.person != y.person { return x.person < y.person }
            if x.program != y.program { return x.program < y.program }
            if x.period != y.period { return x.period < y.period }
            return i < j
        }
        benefits = order.map { rows[Int($0)] }
        b.benefits = []

        let keyCount = symbols.count
        // Households: the table's pairs plus "the household_id written on the person's benefit rows".
        var hhPersons = b.householdPersons, hhIDs = b.householdIDs
        var lastPair: (Int32, Int32) = (-1, -1)
        for row in benefits where row.household >= 0 && row.person >= 0 && row.idState != .empty {
            if lastPair == (row.person, row.household) { continue }
            lastPair = (row.person, row.household)
            hhPersons.append(row.person)
            hhIDs.append(row.household)
        }
        let ones = [UInt8](repeating: 0, count: hhPersons.count)
        householdsOfPerson = Adjacency(keyCount: keyCount, keys: hhPersons, values: hhIDs, payloads: ones)
        membersOfHousehold = Adjacency(keyCount: keyCount, keys: hhIDs, values: hhPersons, payloads: ones)
        householdVillage = b.householdVillage

        // Close relatives are mutual.
        var relKeys: [Int32] = [], relValues: [Int32] = [], relPayloads: [KinRelation] = []
        relKeys.reserveCapacity(b.relativePairs.count * 2)
        for pair in b.relativePairs {
            relKeys.append(pair.person); relValues.append(pair.relative); relPayloads.append(pair.relation)
            relKeys.append(pair.relative); relValues.append(pair.person); relPayloads.append(pair.relation.inverse)
        }
        relatives = Adjacency(keyCount: keyCount, keys: relKeys, values: relValues, payloads: relPayloads)

        people = b.people
        var postKeys: [Int32] = [], postValues: [Int32] = []
        var cadreKeys: [Int32] = [], cadreValues: [Int32] = []
        for (i, post) in people.enumerated() where post.person >= 0 {
            postKeys.append(post.person); postValues.append(Int32(i))
            if post.category == .villageCadre { cadreKeys.append(post.unit); cadreValues.append(Int32(i)) }
        }
        postsOfPerson = Adjacency(keyCount: keyCount, keys: postKeys, values: postValues,
                                  payloads: [UInt8](repeating: 0, count: postKeys.count))
        cadresOfVillage = Adjacency(keyCount: keyCount, keys: cadreKeys, values: cadreValues,
                                    payloads: [UInt8](repeating: 0, count: cadreKeys.count))

        // Company links: legal_rep_id_number, or a natural person in any company_roles row.
        companies = b.companies
        companyByUSCC = b.companyByUSCC
        var linkPersons: [Int32] = [], linkCompanies: [Int32] = [], linkKinds: [CompanyLink] = []
        for (i, company) in companies.enumerated() where company.legalRep >= 0 {
            linkPersons.append(company.legalRep); linkCompanies.append(Int32(i)); linkKinds.append(.legalRepresentative)
        }
        for role in b.roleRows {
            // Roles of companies absent from `companies` have no dates or status to judge by.
            guard let company = companyByUSCC[role.company] else { continue }
            linkPersons.append(role.holder); linkCompanies.append(company); linkKinds.append(role.link)
        }
        companiesOfPerson = Adjacency(keyCount: keyCount, keys: linkPersons, values: linkCompanies, payloads: linkKinds)
        personsOfCompany = Adjacency(keyCount: companies.count, keys: linkCompanies, values: linkPersons, payloads: linkKinds)

        vehicles = b.vehicles
        var owners: [Int32] = [], vehicleIndices: [Int32] = []
        for (i, vehicle) in vehicles.enumerated() where vehicle.owner >= 0 {
            owners.append(vehicle.owner); vehicleIndices.append(Int32(i))
        }
        vehiclesOfOwner = Adjacency(keyCount: keyCount, keys: owners, values: vehicleIndices,
                                    payloads: [UInt8](repeating: 0, count: owners.count))
        earliestDeath = b.earliestDeath

        // Payments by (unit, payee, date, amount, voucher).
        var paymentRows = b.payments
        b.payments = []
        paymentRows.sort { x, y in
            if x.unit != y.unit { return x.unit < y.unit }
            if x.payee != y.payee { return x.payee < y.payee }
            if x.day != y.day { return x.day < y.day }
            if x.amount != y.amount { return x.amount < y.amount }
            return x.voucher < y.voucher
        }
        payments = paymentRows
        budgets = b.budgets
        projects = b.projects
        serviceCases = b.serviceCases
        processes = b.processes
        b.processes = []
        (tenders, bids, bidGroups, bidGroupOfTender) = Self.procurement(tenders: b.tenders, bids: b.bids, symbols: symbols)
        b.tenders = []
        b.bids = []
        if bids.isEmpty {
            linksOfUSCC = .empty()
        } else {
            var linkBits: [UInt64: UInt8] = [:]
            func key(_ company: Int32, _ person: Int32) -> UInt64 {
                UInt64(UInt32(bitPattern: company)) << 32 | UInt64(UInt32(bitPattern: person))
            }
            for company in companies where company.legalRep >= 0 {
                linkBits[key(company.uscc, company.legalRep), default: 0] |= CompanyLinkSet(.legalRepresentative).bits
            }
            for role in b.roleRows { linkBits[key(role.company, role.holder), default: 0] |= CompanyLinkSet(role.link).bits }
            var keys: [Int32] = [], values: [Int32] = [], payloads: [CompanyLinkSet] = []
            keys.reserveCapacity(linkBits.count)
            for (pair, bits) in linkBits {
                keys.append(Int32(truncatingIfNeeded: pair >> 32)); values.append(Int32(truncatingIfNeeded: pair & 0xFFFF_FFFF))
                payloads.append(CompanyLinkSet(bits: bits))
            }
            linksOfUSCC = Adjacency(keyCount: keyCount, keys: keys, values: values, payloads: payloads)
        }
        unitNames = b.unitNames
        idErrors = b.idErrors
        counts = b.counts
        self.symbols = symbols
    }

    /// Tenders and bids deduplicated on the contract's keys (the later row wins, as a re-import
    /// would update it) and grouped by tender.
    private static func procurement(tenders rawTenders: [TenderRecord], bids rawBids: [BidRecord], symbols: SymbolTable)
        -> ([TenderRecord], [BidRecord], [BidGroup], [Int32: Int32]) {
        var tenderAt: [Int32: Int] = [:]
        var tenders: [TenderRecord] = []
        for t in rawTenders {
            if let at = tenderAt[t.tender] { tenders[at] = t } else { tenderAt[t.tender] = tenders.count; tenders.append(t) }
        }
        var order = Array(rawBids.indices)
        order.sort { i, j in
            let x = rawBids[i], y = rawBids[j]
            if x.tender != y.tender { return x.tender < y.tender }
            if x.bidder != y.bidder { return x.bidder < y.bidder }
            return i < j
        }
        var bids: [BidRecord] = []
        bids.reserveCapacity(rawBids.count)
        for i in order {
            let bid = rawBids[i]
            if let last = bids.last, last.tender == bid.tender, last.bidder == bid.bidder { bids[bids.count - 1] = bid } else { bids.append(bid) }
        }
        // Within a tender, bids in byte order of the bidder's USCC; tenders in byte order of the id.
        func less(_ a: Int32, _ b: Int32) -> Bool { symbols[a].utf8.lexicographicallyPrecedes(symbols[b].utf8) }
        var ranges: [Int32: Range<Int>] = [:]
        var start = 0
        while start < bids.count {
            var end = start + 1
            while end < bids.count, bids[end].tender == bids[start].tender { end += 1 }
            bids[start..<end].sort { less($0.bidder, $1.bidder) }
            ranges[bids[start].tender] = start..<end
            start = end
        }
        var ids = Array(Set(tenderAt.keys).union(ranges.keys))
        ids.sort(by: less)
        var sortedBids: [BidRecord] = []
        sortedBids.reserveCapacity(bids.count)
        var groups: [BidGroup] = []
        var groupOf: [Int32: Int32] = [:]
        for id in ids {
            let from = sortedBids.count
            if let range = ranges[id] { sortedBids.append(contentsOf: bids[range]) }
            groupOf[id] = Int32(groups.count)
            groups.append(BidGroup(tender: id, record: tenderAt[id].map { Int32($0) } ?? -1, bids: from..<sortedBids.count))
        }
        return (tenders, sortedBids, groups, groupOf)
    }

    // MARK: public surface

    /// Rows appended for `dataset`.
    public func rowCount(_ dataset: Dataset) -> Int { counts[dataset] ?? 0 }

    /// Whether any row of `dataset` was appended: a rule whose required inputs are empty is not
    /// computable rather than silently clear.
    public func hasRows(_ dataset: Dataset) -> Bool { rowCount(dataset) > 0 }

    // MARK: helpers for rules

    func text(_ symbol: Int32) -> String { symbol >= 0 ? symbols[symbol] : "" }

    func optionalText(_ symbol: Int32) -> Evidence { symbol >= 0 ? .string(symbols[symbol]) : .null }

    func symbol(_ text: String) -> Int32 { symbols.lookup(text) ?? SymbolTable.none }

    /// "Household members: people sharing a household_id … A person is not their own household
    /// member." Sorted, without repeats.
    func householdMembers(of person: Int32) -> [Int32] {
        var members: [Int32] = []
        for household in householdsOfPerson.values(person) {
            for member in membersOfHousehold.values(household) where member != person {
                members.append(member)
            }
        }
        if members.count > 1 {
            members.sort()
            var unique: [Int32] = []
            for m in members where unique.last != m { unique.append(m) }
            return unique
        }
        return members
    }

    /// "名称（编码）" / "name (code)", or the code alone for a unit missing from `units`.
    func unitZh(_ unit: Int32) -> String {
        guard let name = unitNames[unit] else { return text(unit) }
        return "\(symbols[name])（\(text(unit))）"
    }

    func unitEn(_ unit: Int32) -> String {
        guard let name = unitNames[unit] else { return text(unit) }
        return "\(symbols[name]) (\(text(unit)))"
    }
}
