import SunlightDomain

/// `payment.sequence_gap` 凭证断号: voucher numbers of a unit-year split into prefix + trailing
/// integer; for a prefix with ≥ 10 vouchers, each run of missing integers between min and max.
/// Subject `unit_code|prefix|first missing`.
///
/// "a sequence_gap prefix is everything before the trailing digits, and the missing integer is
/// written without leading zeros." The year is not part of the subject: when two years of one
/// unit and prefix miss a run starting at the same integer, they are one finding whose evidence
/// lists both. Counts: each finding is flagged; a (unit, year, prefix) with ≥ 10 vouchers and no
/// gap is clear; one with fewer cannot be judged. Vouchers without trailing digits are ignored.
public struct VoucherSequenceGapRule: SupervisionRule {
    public init() {}
    public var code: String { "payment.sequence_gap" }
    public var version: Int { 1 }
    public var titleZh: String { "凭证断号" }
    public var titleEn: String { "Gaps in voucher numbers" }
    public var explanationZh: String {
        "会计凭证应连续编号。同一单位同一年度、同一前缀的凭证号中间缺号，可能是凭证被抽走、作废未留存或账外处理，需要核实缺号原因。"
    }
    public var explanationEn: String {
        "Accounting vouchers are numbered consecutively. Missing numbers within one unit, year and prefix may mean vouchers were removed, voided without a record or kept off the books; the reason should be checked."
    }
    public var inputs: [String] { ["payments"] }
    public var parameters: [ParameterSpec] { [] }

    static let minimumVouchers = 10

    struct Entry {
        var unit: Int32
        var year: Int32
        var prefix: Int32
        var number: Int64
    }

    struct Gap {
        var year: Int32
        var from: Int64
        var to: Int64
        var min: Int64
        var max: Int64
        var vouchers: Int
    }

    /// Splits "记-2024-0012" into ("记-2024-", 12); nil without trailing digits (or more than 18).
    static func split(_ voucher: String) -> (prefix: Substring, number: Int64)? {
        let scalars = voucher.unicodeScalars
        var start = scalars.endIndex
        while start > scalars.startIndex {
            let before = scalars.index(before: start)
            guard ("0"..."9").contains(scalars[before]) else { break }
            start = before
        }
        guard start < scalars.endIndex else { return nil }
        let digits = voucher.unicodeScalars[start...]
        let significant = digits.drop { $0 == "0" }
        guard significant.count <= 18 else { return nil }
        var value: Int64 = 0
        for d in significant { value = value * 10 + Int64(d.value - 48) }
        return (Substring(voucher.unicodeScalars[..<start]), value)
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments]) { return result }
        var run = RuleRun(self, context)
        var prefixes: [Substring: Int32] = [:]
        var prefixTexts: [String] = []
        var entries: [Entry] = []
        entries.reserveCapacity(data.payments.count)
        for p in data.payments {
            guard let (prefix, number) = Self.split(data.text(p.voucher)) else { continue }
            let id: Int32
            if let known = prefixes[prefix] {
                id = known
            } else {
                id = Int32(prefixTexts.count)
                prefixes[prefix] = id
                prefixTexts.append(String(prefix))
            }
            entries.append(Entry(unit: p.unit, year: Int32(Display.date(p.day).year), prefix: id, number: number))
        }
        entries.sort { a, b in
            if a.unit != b.unit { return a.unit < b.unit }
            if a.year != b.year { return a.year < b.year }
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            return a.number < b.number
        }
        // subject → (unit, prefix, gaps)
        var found: [String: (unit: Int32, prefix: Int32, gaps: [Gap])] = [:]
        var start = 0
        while start < entries.count {
            var end = start + 1
            let e = entries[start]
            while end < entries.count, entries[end].unit == e.unit, entries[end].year == e.year, entries[end].prefix == e.prefix { end += 1 }
            defer { start = end }
            let count = end - start
            guard count >= Self.minimumVouchers else {
                run.markNotComputable(zh: "该单位年度此前缀的凭证少于 \(Self.minimumVouchers) 张", en: "fewer than \(Self.minimumVouchers) vouchers with this prefix in the unit-year")
                continue
            }
            let low = entries[start].number, high = entries[end - 1].number
            var anyGap = false
            for k in (start + 1)..<end where entries[k].number > entries[k - 1].number + 1 {
                anyGap = true
                let from = entries[k - 1].number + 1
                let subject = data.text(e.unit) + "|" + prefixTexts[Int(e.prefix)] + "|" + String(from)
                let gap = Gap(year: e.year, from: from, to: entries[k].number - 1, min: low, max: high, vouchers: count)
                found[subject, default: (e.unit, e.prefix, [])].gaps.append(gap)
            }
            if !anyGap { run.markClear() }
        }
        for (subject, item) in found {
            let prefix = prefixTexts[Int(item.prefix)]
            let first = item.gaps[0]
            let missing = item.gaps.reduce(Int64(0)) { $0 + ($1.to - $1.from + 1) }
            let rangeText = first.from == first.to ? "\(prefix)\(first.from)" : "\(prefix)\(first.from)–\(prefix)\(first.to)"
            run.flag(
                subject: subject, severity: .low,
                zh: "\(data.unitZh(item.unit)) \(first.year) 年凭证号缺号 \(rangeText)，共 \(missing) 个",
                en: "\(data.unitEn(item.unit)) is missing voucher number(s) \(rangeText) in \(first.year), \(missing) in all",
                evidence: .pairs([
                    ("unit_code", .string(data.text(item.unit))), ("prefix", .string(prefix)),
                    ("first_missing", .integer(first.from)),
                    ("gaps", .array(item.gaps.map { g in
                        .pairs([("year", .int(Int(g.year))), ("from", .integer(g.from)), ("to", .integer(g.to)),
                                ("missing_count", .integer(g.to - g.from + 1)), ("min", .integer(g.min)),
                                ("max", .integer(g.max)), ("vouchers", .int(g.vouchers))])
                    })),
                    ("missing_count", .integer(missing)),
                ]))
        }
        return run.result()
    }
}
