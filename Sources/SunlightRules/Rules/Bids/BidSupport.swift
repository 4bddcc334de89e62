import SunlightDomain

/// Walking tenders and their bids (`SupervisionData.bidGroups`), and the evidence shared by the
/// `bid.*` rules: the tender's fields at the top level, the bids involved as an array of rows
/// (a table on the findings page), and for the network rules the links as edges with both ends
/// named (`bidder_uscc` ↔ `…id_number`), so that a page can draw them.
enum BidBook {
    static let orphanZh = "投标明细中的招标项目编号不在已导入的招标项目中"
    static let orphanEn = "the bids' tender_id is not among the tenders imported"

    static func tender(_ data: SupervisionData, _ g: BidGroup) -> TenderRecord? {
        g.record >= 0 ? data.tenders[Int(g.record)] : nil
    }

    static func tenderID(_ data: SupervisionData, _ g: BidGroup) -> String { data.text(g.tender) }

    /// "某局招标项目“标题”（编号）" / "tender "title" (id) of unit (code)".
    static func nameZh(_ data: SupervisionData, _ g: BidGroup) -> String {
        guard let t = tender(data, g) else { return "招标项目 \(data.text(g.tender))" }
        let title = t.title >= 0 ? "“\(data.text(t.title))”" : ""
        return "\(data.unitZh(t.buyer))招标项目\(title)（\(data.text(g.tender))）"
    }

    static func nameEn(_ data: SupervisionData, _ g: BidGroup) -> String {
        guard let t = tender(data, g) else { return "tender \(data.text(g.tender))" }
        let title = t.title >= 0 ? " \"\(data.text(t.title))\"" : ""
        return "tender\(title) (\(data.text(g.tender))) of \(data.unitEn(t.buyer))"
    }

    /// The tender's row; nulls for a tender known only from `bids`.
    static func tenderFields(_ data: SupervisionData, _ g: BidGroup) -> [(String, Evidence)] {
        guard let t = tender(data, g) else {
            return [("tender_id", .string(data.text(g.tender))), ("title", .null), ("buyer_unit_code", .null), ("method", .null),
                    ("ceiling", .null), ("published_date", .null), ("deadline", .null), ("award_date", .null),
                    ("winner_uscc", .null), ("award_amount", .null)]
        }
        return [("tender_id", .string(data.text(g.tender))), ("title", data.optionalText(t.title)),
                ("buyer_unit_code", .string(data.text(t.buyer))), ("method", data.optionalText(t.methodText)),
                ("ceiling", money(t.ceiling)), ("published_date", Display.dateEvidence(t.publishedDay)),
                ("deadline", dateTime(t.deadlineSecond)), ("award_date", Display.dateEvidence(t.awardDay)),
                ("winner_uscc", data.optionalText(t.winner)), ("award_amount", money(t.awardAmount))]
    }

    /// One bid as a table row: bidder, amount, status, time, then `extra`.
    static func bidLine(_ data: SupervisionData, _ b: BidRecord, _ extra: [(String, Evidence)] = []) -> Evidence {
        .pairs([("bidder_uscc", .string(data.text(b.bidder))), ("bidder_name", bidderName(data, b.bidder, b.bidderName)),
                ("amount", .yuan(b.amount)), ("status", data.optionalText(b.statusText)),
                ("submitted_at", dateTime(b.submittedSecond))] + extra)
    }

    /// The name written on the bid, else the registered company name, else null.
    static func bidderName(_ data: SupervisionData, _ bidder: Int32, _ written: Int32 = SymbolTable.none) -> Evidence {
        if written >= 0 { return .string(data.text(written)) }
        if let c = data.companyByUSCC[bidder] { return .string(data.text(data.companies[Int(c)].name)) }
        return .null
    }

    /// "名称（代码）", or the code alone.
    static func bidderLabel(_ data: SupervisionData, _ bidder: Int32, _ written: Int32 = SymbolTable.none) -> String {
        guard let name = bidderName(data, bidder, written).stringValue else { return data.text(bidder) }
        return "\(name)（\(data.text(bidder))）"
    }

    static func bidderLabelEn(_ data: SupervisionData, _ bidder: Int32, _ written: Int32 = SymbolTable.none) -> String {
        guard let name = bidderName(data, bidder, written).stringValue else { return data.text(bidder) }
        return "\(name) (\(data.text(bidder)))"
    }

    static func money(_ fen: Int64?) -> Evidence { fen.map { .yuan($0) } ?? .null }

    /// An instant as RFC 3339 in China time (`2025-03-07T09:30:00+08:00`), or null.
    static func dateTime(_ seconds: Int64) -> Evidence {
        guard seconds != Instant.none else { return .null }
        let local = seconds + 8 * 3600
        let day = Int64(Instant.day(seconds))
        let second = Int(local - day * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let time = two(second / 3600) + ":" + two(second / 60 % 60) + ":" + two(second % 60)
        return .string(Display.date(Int32(day)).iso + "T" + time + "+08:00")
    }

    /// `numerator / denominator` with `digits` decimals, rounded half up, exactly (both > 0).
    static func ratio(_ numerator: Int64, _ denominator: Int64, digits: Int = 4) -> String {
        guard denominator > 0 else { return "" }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let product = numerator.multipliedFullWidth(by: scale)
        let (q, r) = denominator.dividingFullWidth((high: product.high, low: product.low))
        let rounded = q + (r.magnitude * 2 >= denominator.magnitude ? (numerator >= 0 ? 1 : -1) : 0)
        let whole = rounded / scale, fraction = String(rounded.magnitude % UInt64(scale))
        return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }

    /// The name of a person from `people` (their first post), or null.
    static func personName(_ data: SupervisionData, _ person: Int32) -> Evidence {
        guard let post = data.postsOfPerson.values(person).first else { return .null }
        return .string(data.text(data.people[Int(post)].name))
    }
}

/// A bid column compared between bidders by the signal rules (device, bond, contact).
enum BidField: Sendable, Equatable {
    case device, ip, fileHash, bondAccount, contactPhone, contactName

    var name: String {
        switch self {
        case .device: "device_id"
        case .ip: "ip"
        case .fileHash: "file_hash"
        case .bondAccount: "bond_account"
        case .contactPhone: "contact_phone"
        case .contactName: "contact_name"
        }
    }

    var zh: String {
        switch self {
        case .device: "机器码"
        case .ip: "上传IP"
        case .fileHash: "投标文件哈希"
        case .bondAccount: "保证金付款账号"
        case .contactPhone: "联系电话"
        case .contactName: "联系人"
        }
    }

    var en: String {
        switch self {
        case .device: "device ID"
        case .ip: "upload IP"
        case .fileHash: "file hash"
        case .bondAccount: "bond account"
        case .contactPhone: "contact phone"
        case .contactName: "contact name"
        }
    }

    /// The value as compared.
    func key(_ b: BidRecord) -> Int32 {
        switch self {
        case .device: b.deviceKey
        case .ip: b.ipKey
        case .fileHash: b.fileHashKey
        case .bondAccount: b.bondAccountKey
        case .contactPhone: b.contactPhoneKey
        case .contactName: b.contactNameKey
        }
    }

    /// The value as written.
    func raw(_ b: BidRecord) -> Int32 {
        switch self {
        case .device: b.device
        case .ip: b.ip
        case .fileHash: b.fileHash
        case .bondAccount: b.bondAccount
        case .contactPhone: b.contactPhone
        case .contactName: b.contactName
        }
    }
}

/// The shared-value test of `bid.same_device`, `.same_bond_account` and `.same_contact`: "≥ 2
/// distinct bidders share" a value of one of `fields`, every bid row counting ("evidence signals
/// use every bid row"), values compared normalised.
///
/// Counts: a tender with fewer than 2 bidders is clear (nothing can be shared); one where fewer
/// than 2 bidders gave any of the fields cannot be judged (the columns were not filled in, which
/// must not pass for "no collusion"); otherwise flagged or clear. One finding per tender.
struct SharedValueCheck {
    struct Shared {
        let field: BidField
        let value: Int32
        let bids: [Int]
    }

    let fields: [BidField]
    let missingZh: String
    let missingEn: String

    func evaluate(_ rule: any SupervisionRule, _ data: SupervisionData, _ context: RuleContext,
                  severity: ([Shared]) -> Severity) -> RuleResult {
        if let result = RuleRun.missingInputs(rule, data, context, required: [.bids]) { return result }
        var run = RuleRun(rule, context)
        for g in data.bidGroups {
            guard g.bids.count >= 2 else { run.markClear(); continue }
            let filled = g.bids.filter { i in fields.contains { $0.key(data.bids[i]) >= 0 } }.count
            guard filled >= 2 else { run.markNotComputable(zh: missingZh, en: missingEn); continue }
            let shared = sharedValues(data, g.bids)
            guard !shared.isEmpty else { run.markClear(); continue }
            flag(data, g, shared, severity(shared), &run)
        }
        return run.result()
    }

    /// Per field, the values held by ≥ 2 bidders of the tender, in field order then value order.
    func sharedValues(_ data: SupervisionData, _ range: Range<Int>) -> [Shared] {
        var out: [Shared] = []
        for field in fields {
            var keyed: [(value: Int32, bid: Int)] = []
            for i in range {
                let v = field.key(data.bids[i])
                if v >= 0 { keyed.append((v, i)) }
            }
            keyed.sort { $0.value != $1.value ? $0.value < $1.value : $0.bid < $1.bid }
            var found: [Shared] = []
            var start = 0
            while start < keyed.count {
                var end = start + 1
                while end < keyed.count, keyed[end].value == keyed[start].value { end += 1 }
                let bids = keyed[start..<end].map(\.bid)
                if Set(bids.map { data.bids[$0].bidder }).count >= 2 { found.append(Shared(field: field, value: keyed[start].value, bids: bids)) }
                start = end
            }
            // Values in byte order, so that the evidence does not depend on the order of interning.
            found.sort { data.text($0.value).utf8.lexicographicallyPrecedes(data.text($1.value).utf8) }
            out += found
        }
        return out
    }

    private func flag(_ data: SupervisionData, _ g: BidGroup, _ shared: [Shared], _ severity: Severity, _ run: inout RuleRun) {
        var involved: [Int] = []
        for s in shared { for b in s.bids where !involved.contains(b) { involved.append(b) } }
        involved.sort()
        var fieldNames: [BidField] = []
        for s in shared where !fieldNames.contains(s.field) { fieldNames.append(s.field) }
        let first = shared[0]
        let more = shared.count > 1
        let value = data.text(first.value)
        run.flag(
            subject: BidBook.tenderID(data, g), severity: severity,
            zh: "\(BidBook.nameZh(data, g))中 \(involved.count) 家投标人\(fieldNames.map(\.zh).joined(separator: "、"))相同（\(first.field.zh) \(value)\(more ? " 等 \(shared.count) 项" : "")）",
            en: "\(involved.count) bidders in \(BidBook.nameEn(data, g)) share a \(fieldNames.map(\.en).joined(separator: " / ")) (\(first.field.en) \(value)\(more ? " and \(shared.count - 1) more" : ""))",
            evidence: .pairs(BidBook.tenderFields(data, g) + [
                ("shared", .array(shared.map { s in
                    .pairs([("field", .string(s.field.name)), ("value", .string(data.text(s.value))),
                            ("bidder_uscc", .array(s.bids.map { .string(data.text(data.bids[$0].bidder)) })),
                            ("bidder_count", .int(s.bids.count))])
                })),
                ("bids", .array(involved.map { i in
                    let b = data.bids[i]
                    return BidBook.bidLine(data, b, fields.map { ($0.name, data.optionalText($0.raw(b))) })
                })),
                ("bid_count", .int(g.bids.count)),
            ]))
    }
}

/// Bids per bidder, for the bidder rules (`bid.perennial_loser`, `bid.loyal_winner`).
enum BidderLedger {
    /// Each bidder's counted bids ("counts use bids not withdrawn"), as indices into
    /// `data.bids` in tender order (published date, then tender_id). Bidders whose every bid was
    /// withdrawn get an empty list.
    static func forEachBidder(_ data: SupervisionData, _ body: (Int32, [Int]) -> Void) {
        var publishedDay = [Int32](repeating: Day.none, count: data.bids.count)
        for g in data.bidGroups {
            guard let t = BidBook.tender(data, g) else { continue }
            for i in g.bids { publishedDay[i] = t.publishedDay }
        }
        var order = Array(data.bids.indices)
        order.sort { data.bids[$0].bidder != data.bids[$1].bidder ? data.bids[$0].bidder < data.bids[$1].bidder : $0 < $1 }
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, data.bids[order[end]].bidder == data.bids[order[start]].bidder { end += 1 }
            var counted = order[start..<end].filter { data.bids[$0].status.isCounted }
            counted.sort { publishedDay[$0] != publishedDay[$1] ? publishedDay[$0] < publishedDay[$1] : $0 < $1 }
            body(data.bids[order[start]].bidder, counted)
            start = end
        }
    }

    /// The tender of a bid, if imported.
    static func tender(_ data: SupervisionData, _ bid: Int) -> TenderRecord? {
        guard let g = data.bidGroupOfTender[data.bids[bid].tender] else { return nil }
        return BidBook.tender(data, data.bidGroups[Int(g)])
    }

    /// One of the bidder's bids as a table row.
    static func line(_ data: SupervisionData, _ bid: Int) -> Evidence {
        let b = data.bids[bid]
        let t = tender(data, bid)
        return .pairs([
            ("tender_id", .string(data.text(b.tender))), ("buyer_unit_code", t.map { .string(data.text($0.buyer)) } ?? .null),
            ("published_date", t.map { Display.dateEvidence($0.publishedDay) } ?? .null),
            ("amount", .yuan(b.amount)), ("status", data.optionalText(b.statusText)),
            ("winner_uscc", t.map { data.optionalText($0.winner) } ?? .null),
            ("won", .bool(t.map { $0.winner == b.bidder } ?? false)),
        ])
    }
}
