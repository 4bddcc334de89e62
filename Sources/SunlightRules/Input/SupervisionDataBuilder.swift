import SunlightDomain
import SunlightProcurement

/// Collects imported rows into a `SupervisionData`.
///
/// Every string is interned on arrival, so the builder holds each ID, program, account or unit
/// code once however many rows repeat it, and each row as a few dozen bytes of integers.
/// Resident IDs are read once per distinct text: "15-digit IDs upgraded to 18 for matching"
/// (rules.md, IDs), while the stored text is kept for `benefit.invalid_id`.
public struct SupervisionDataBuilder: Sendable {
    var symbols = SymbolTable()
    var counts: [Dataset: Int] = [:]

    var unitNames: [Int32: Int32] = [:]
    var people: [PersonRecord] = []
    var relativePairs: [(person: Int32, relative: Int32, relation: KinRelation)] = []
    var householdPersons: [Int32] = []
    var householdIDs: [Int32] = []
    var householdVillage: [Int32: Int32] = [:]
    var earliestDeath: [Int32: Int32] = [:]
    var companies: [CompanyRecord] = []
    var companyByUSCC: [Int32: Int32] = [:]
    var roleRows: [(company: Int32, holder: Int32, link: CompanyLink)] = []
    var vehicles: [VehicleRecord] = []
    var programRows: [ProgramRow] = []
    var benefits: [BenefitRecord] = []
    var budgets: [BudgetRecord] = []
    var payments: [PaymentRecord] = []
    var projects: [ProjectRow] = []
    var serviceCases: [ServiceCaseRecord] = []
    var tenders: [TenderRecord] = []
    var bids: [BidRecord] = []
    var processes: [ContractingProcess] = []

    /// Raw ID symbol → what it reads as.
    var idCache: [Int32: ParsedID] = [:]
    /// Why a benefit ID could not be read, by raw symbol.
    var idErrors: [Int32: ValueError] = [:]

    struct ParsedID: Sendable {
        var canonical: Int32
        var birthDay: Int32
        var state: IDState
    }

    /// IDs are structurally parsed against a far as-of date; the as-of check (a birth date after
    /// the as-of date is invalid) is `benefit.invalid_id`'s, at evaluation time.
    private static let farFuture = LocalDate(year: 9999, month: 12, day: 31)!

    public init() {}

    private mutating func count(_ dataset: Dataset) { counts[dataset, default: 0] += 1 }

    mutating func readID(_ raw: String) -> ParsedID {
        let rawSymbol = symbols.intern(raw)
        if let cached = idCache[rawSymbol] { return cached }
        let parsed: ParsedID
        if raw.isEmpty {
            parsed = ParsedID(canonical: rawSymbol, birthDay: Day.none, state: .empty)
        } else {
            do {
                let id = try ResidentID.parse(raw, asOf: Self.farFuture)
                let canonical = id.value == raw ? rawSymbol : symbols.intern(id.value)
                parsed = ParsedID(canonical: canonical, birthDay: Int32(id.birthDate.dayNumber), state: .parsed)
            } catch {
                idErrors[rawSymbol] = error
                parsed = ParsedID(canonical: rawSymbol, birthDay: Day.none, state: .malformed)
            }
        }
        idCache[rawSymbol] = parsed
        return parsed
    }

    /// The canonical symbol of an ID column (empty → none).
    mutating func personSymbol(_ raw: String?) -> Int32 {
        guard let raw, !raw.isEmpty else { return SymbolTable.none }
        return readID(raw).canonical
    }

    private static func day(_ date: LocalDate?) -> Int32 {
        guard let date else { return Day.none }
        return Int32(date.dayNumber)
    }

    /// Absent or blank text is "empty".
    private mutating func optional(_ text: String?) -> Int32 {
        guard let text, !text.isEmpty else { return SymbolTable.none }
        return symbols.intern(text)
    }

    // MARK: rows

    public mutating func append(_ row: UnitRow) {
        count(.units)
        unitNames[symbols.intern(row.code)] = symbols.intern(row.name)
    }

    public mutating func append(_ row: PersonRow) {
        count(.people)
        people.append(PersonRecord(
            person: personSymbol(row.idNumber), name: symbols.intern(row.name), unit: symbols.intern(row.unitCode),
            categoryText: symbols.intern(row.category), category: PersonCategory(code: row.category),
            sinceDay: Self.day(row.since), untilDay: row.until.map { Int32($0.dayNumber) } ?? Day.open))
    }

    public mutating func append(_ row: RelativeRow) {
        count(.relatives)
        guard let relation = KinRelation(code: row.relation) else { return }
        let a = personSymbol(row.idNumber), b = personSymbol(row.relativeIDNumber)
        // "Rows with A = B are ignored."
        guard a >= 0, b >= 0, a != b else { return }
        relativePairs.append((a, b, relation))
    }

    public mutating func append(_ row: HouseholdRow) {
        count(.households)
        let household = symbols.intern(row.householdID)
        let person = personSymbol(row.idNumber)
        guard person >= 0 else { return }
        householdPersons.append(person)
        householdIDs.append(household)
        let village = optional(row.villageCode)
        if village >= 0, householdVillage[household] == nil { householdVillage[household] = village }
    }

    public mutating func append(_ row: DeathRow) {
        count(.deaths)
        let person = personSymbol(row.idNumber)
        guard person >= 0 else { return }
        let day = Int32(row.deathDate.dayNumber)
        // "Several death rows for one ID: the earliest."
        if let known = earliestDeath[person], known <= day { return }
        earliestDeath[person] = day
    }

    public mutating func append(_ row: CompanyRow) {
        count(.companies)
        let uscc = symbols.intern(row.uscc.uppercased())
        let record = CompanyRecord(
            uscc: uscc, name: symbols.intern(row.name), legalRep: personSymbol(row.legalRepIDNumber),
            establishedDay: Self.day(row.established), status: CompanyStatus(code: row.status),
            statusText: optional(row.status), statusDay: Self.day(row.statusDate))
        if let existing = companyByUSCC[uscc] {
            companies[Int(existing)] = record   // a re-imported company: the later row
        } else {
            companyByUSCC[uscc] = Int32(companies.count)
            companies.append(record)
        }
    }

    public mutating func append(_ row: CompanyRoleRow) {
        count(.companyRoles)
        // "Corporate holders (holder_uscc) link no person."
        let holder = personSymbol(row.holderIDNumber)
        guard holder >= 0 else { return }
        roleRows.append((symbols.intern(row.uscc.uppercased()), holder, CompanyLink(role: row.role)))
    }

    public mutating func append(_ row: VehicleRow) {
        count(.vehicles)
        vehicles.append(VehicleRecord(
            plate: symbols.intern(row.plate), owner: personSymbol(row.ownerIDNumber),
            vehicleType: optional(row.vehicleType), registeredDay: Self.day(row.registered)))
    }

    public mutating func append(_ row: ProgramRow) {
        count(.programs)
        programRows.append(row)
    }

    public mutating func append(_ row: BenefitRow) {
        count(.benefits)
        let id = readID(row.idNumber)
        let account = row.account.map(Normalize.account) ?? ""
        benefits.append(BenefitRecord(
            program: symbols.intern(row.program), period: MonthIndex.of(year: row.period.year, month: row.period.month),
            person: id.canonical, rawID: symbols.intern(row.idNumber), name: symbols.intern(row.name),
            household: optional(row.householdID), village: optional(row.villageCode),
            account: optional(account), amount: row.amount, paidDay: Self.day(row.paidDate),
            birthDay: id.birthDay, idState: id.state))
    }

    public mutating func append(_ row: BudgetRow) {
        count(.budgets)
        budgets.append(BudgetRecord(
            year: Int32(row.year), unit: symbols.intern(row.unitCode), category: symbols.intern(row.category),
            project: optional(row.projectCode), amount: row.amount))
    }

    public mutating func append(_ row: PaymentRow) {
        count(.payments)
        let code = row.payeeCode.map { TextFolding.fold($0).uppercased() } ?? ""
        let account = row.payeeAccount.map(Normalize.account) ?? ""
        let payeeKey = Normalize.payeeKey(code: code, account: account, name: row.payeeName)
        var payeePerson = SymbolTable.none
        if !code.isEmpty {
            let id = readID(code)
            if id.state == .parsed { payeePerson = id.canonical }
        }
        let approver: Int32
        if let raw = row.approverIDNumber, !raw.isEmpty {
            approver = readID(raw).canonical
        } else {
            approver = SymbolTable.none
        }
        payments.append(PaymentRecord(
            unit: symbols.intern(row.unitCode), voucher: symbols.intern(row.voucherNo), day: Int32(row.date.dayNumber),
            payee: symbols.intern(payeeKey), payeeName: symbols.intern(row.payeeName), payeeCode: optional(code),
            payeePerson: payeePerson, amount: row.amount, category: optional(row.category),
            project: optional(row.projectCode), approver: approver))
    }

    public mutating func append(_ row: ProjectRow) {
        count(.projects)
        projects.append(row)
    }

    public mutating func append(_ row: ServiceCaseRow) {
        count(.serviceCases)
        serviceCases.append(ServiceCaseRecord(
            caseNo: symbols.intern(row.caseNo), matter: symbols.intern(row.matter), unit: symbols.intern(row.unitCode),
            receivedDay: Int32(LocalDate(instant: row.receivedAt).dayNumber),
            completedDay: row.completedAt.map { Int32(LocalDate(instant: $0).dayNumber) } ?? Day.none,
            timeLimitDays: Int32(clamping: row.timeLimitDays), status: optional(row.status)))
    }

    public mutating func append(_ row: TenderRow) {
        count(.tenders)
        let deadline = Instant.seconds(row.deadline)
        tenders.append(TenderRecord(
            tender: symbols.intern(TextFolding.fold(row.tenderID)), title: optional(row.title.map(TextFolding.fold)),
            buyer: symbols.intern(TextFolding.fold(row.buyerUnitCode)), methodText: optional(row.method),
            method: TenderMethod(code: row.method), ceiling: row.ceiling, publishedDay: Self.day(row.publishedDate),
            deadlineSecond: deadline, deadlineDay: Instant.day(deadline), awardDay: Self.day(row.awardDate),
            winner: optional(row.winnerUSCC.map { TextFolding.fold($0).uppercased() }), awardAmount: row.awardAmount))
    }

    public mutating func append(_ row: BidRow) {
        count(.bids)
        let submitted = Instant.seconds(row.submittedAt)
        let hash = row.fileHash.map(TextFolding.fold), device = row.deviceID.map(TextFolding.fold)
        let ip = row.ip.map(TextFolding.fold), bond = row.bondAccount.map(TextFolding.fold)
        let name = row.contactName.map(TextFolding.fold), phone = row.contactPhone.map(TextFolding.fold)
        bids.append(BidRecord(
            tender: symbols.intern(TextFolding.fold(row.tenderID)), bidder: symbols.intern(TextFolding.fold(row.bidderUSCC).uppercased()),
            bidderName: optional(row.bidderName.map(TextFolding.fold)), amount: row.amount,
            submittedSecond: submitted, submittedDay: Instant.day(submitted),
            status: BidStatus(code: row.status), statusText: optional(row.status),
            fileHash: optional(hash), fileHashKey: optional(hash?.lowercased()),
            device: optional(device), deviceKey: optional(device?.uppercased()),
            ip: optional(ip), ipKey: optional(ip),
            bondAccount: optional(bond), bondAccountKey: optional(bond.map(Normalize.contactNumber)),
            contactName: optional(name), contactNameKey: optional(name),
            contactPhone: optional(phone), contactPhoneKey: optional(phone.map(Normalize.contactNumber))))
    }

    /// Takes in the benefit rows another builder read, which held nothing else: a scan reads the
    /// benefit rolls (half of a province's rows) on a second connection and core while this
    /// builder reads everything else. Their symbols are interned here, in the other builder's
    /// order, and the rows renumbered; the rows keep their order after any benefits already here.
    public mutating func absorbBenefits(of other: consuming SupervisionDataBuilder) {
        precondition(other.counts.keys.allSatisfy { $0 == .benefits }, "only a builder of benefits is absorbed")
        var renumbered: [Int32] = []
        renumbered.reserveCapacity(other.symbols.count)
        for text in other.symbols.strings { renumbered.append(symbols.intern(text)) }
        func map(_ symbol: Int32) -> Int32 { symbol < 0 ? symbol : renumbered[Int(symbol)] }
        benefits.reserveCapacity(benefits.count + other.benefits.count)
        for var row in other.benefits {
            row.program = map(row.program)
            row.person = map(row.person)
            row.rawID = map(row.rawID)
            row.name = map(row.name)
            row.household = map(row.household)
            row.village = map(row.village)
            row.account = map(row.account)
            benefits.append(row)
        }
        for (raw, parsed) in other.idCache where idCache[map(raw)] == nil {
            idCache[map(raw)] = ParsedID(canonical: map(parsed.canonical), birthDay: parsed.birthDay, state: parsed.state)
        }
        for (raw, error) in other.idErrors where idErrors[map(raw)] == nil { idErrors[map(raw)] = error }
        if let read = other.counts[.benefits] { counts[.benefits, default: 0] += read }
    }

    /// Sorts and indexes everything once. `consuming`: the builder's tables move into the data
    /// rather than being kept twice (at province scale the raw rows are hundreds of MB).
    public consuming func build() -> SupervisionData {
        SupervisionData(building: self)
    }
}

/// Normalisations the rules define on values.
enum Normalize {
    /// "account compared without spaces or hyphens".
    static func account(_ text: String) -> String {
        // Almost every account is ASCII letters and digits: nothing to drop, no new string.
        if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }) { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter {
            !$0.properties.isWhitespace && $0 != "-" && $0 != "\u{FF0D}" && $0 != "\u{2010}" && $0 != "\u{2013}" && $0 != "\u{2014}"
        }))
    }

    /// "phone and account without spaces, hyphens or brackets" (bid rules).
    static func contactNumber(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !isSeparator($0) && !brackets.contains($0) }))
    }

    private static let brackets: Set<Unicode.Scalar> = ["(", ")", "[", "]", "{", "}", "（", "）", "【", "】", "〔", "〕", "［", "］"]

    private static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || s == "-" || s == "\u{FF0D}" || s == "\u{2010}" || s == "\u{2011}" || s == "\u{2012}"
            || s == "\u{2013}" || s == "\u{2014}" || s == "\u{2212}"
    }

    /// "Payee key: payee_code upper-cased; else payee_account without spaces or hyphens; else
    /// payee_name trimmed."
    static func payeeKey(code: String, account: String, name: String) -> String {
        if !code.isEmpty { return code }
        if !account.isEmpty { return account }
        return TextFolding.fold(name)
    }
}
