import Foundation
import SunlightDomain

/// `payment.benford` 本福特异常: ≥ min_n payments of ≥ 10 yuan in the unit-year and first-digit
/// MAD > 0.015 (Nigrini's nonconformity bound). Evidence adds the first-two-digit MAD and its
/// excess over the expected MAD E = 1/√(158.8·N) (Barney & Schulzke).
///
/// Subjects: unit-years with payments; those with fewer than min_n qualifying payments cannot
/// be judged (the test needs a large sample). The statistics are proportions, not money, so
/// they are computed in binary floating point and written with six decimals.
public struct BenfordRule: SupervisionRule {
    public init() {}
    public var code: String { "payment.benford" }
    public var version: Int { 1 }
    public var titleZh: String { "本福特异常" }
    public var titleEn: String { "Benford's law nonconformity" }
    public var explanationZh: String {
        "大量自然发生的金额，其首位数字服从本福特定律（1 开头约占 30%）。某单位全年支付金额的首位数字分布与之偏离过大（平均绝对偏差 MAD 超过 0.015），可能存在人为编造或拆分金额，需要抽查凭证。"
    }
    public var explanationEn: String {
        "Naturally occurring amounts follow Benford's law in their first digit (about 30 % start with 1). When a unit's payments over a year depart from it too much (mean absolute deviation above 0.015), amounts may have been invented or shaped; vouchers should be sampled."
    }
    public var inputs: [String] { ["payments"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "min_n", kind: .integer, defaultValue: "1000", minimum: "1", maximum: "100000000",
                       descriptionZh: "单位年度内 10 元以上支付的最少笔数", descriptionEn: "fewest payments of at least 10 yuan in a unit-year")]
    }

    /// Nigrini's first-digit MAD bounds.
    static let nonconformity = 0.015

    struct Tally {
        var n = 0
        var first = [Int](repeating: 0, count: 10)
        var firstTwo = [Int](repeating: 0, count: 100)
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments]) { return result }
        var run = RuleRun(self, context)
        let minN = context.parameters.integer(code, "min_n")
        var tallies: [UInt64: Tally] = [:]
        for p in data.payments {
            let year = Display.date(p.day).year
            let key = UInt64(UInt32(bitPattern: p.unit)) << 32 | UInt64(UInt32(truncatingIfNeeded: year))
            guard p.amount >= 1000 else {
                if tallies[key] == nil { tallies[key] = Tally() }
                continue
            }
            var v = p.amount
            while v >= 100 { v /= 10 }
            tallies[key, default: Tally()].n += 1
            tallies[key]!.first[Int(v / 10)] += 1
            tallies[key]!.firstTwo[Int(v)] += 1
        }
        for (key, tally) in tallies {
            guard tally.n >= minN else {
                run.markNotComputable(zh: "单位年度内 10 元以上的支付少于 \(minN) 笔", en: "fewer than \(minN) payments of at least 10 yuan in the unit-year")
                continue
            }
            let n = Double(tally.n)
            var mad1 = 0.0
            var digits: [Evidence] = []
            for d in 1...9 {
                let expected = log10(1 + 1 / Double(d))
                let observed = Double(tally.first[d]) / n
                mad1 += abs(observed - expected)
                digits.append(.pairs([("digit", .int(d)), ("count", .int(tally.first[d])),
                                      ("observed", .string(Self.fixed(observed))), ("expected", .string(Self.fixed(expected)))]))
            }
            mad1 /= 9
            guard mad1 > Self.nonconformity else { run.markClear(); continue }
            var mad2 = 0.0
            for d in 10...99 { mad2 += abs(Double(tally.firstTwo[d]) / n - log10(1 + 1 / Double(d))) }
            mad2 /= 90
            let expectedMAD = 1 / (158.8 * n).squareRoot()
            let unit = Int32(bitPattern: UInt32(key >> 32))
            let year = Int(Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)))
            run.flag(
                subject: data.text(unit) + "|" + String(year), severity: .low,
                zh: "\(data.unitZh(unit)) \(year) 年 \(tally.n) 笔支付的首位数字分布偏离本福特定律（MAD \(Self.fixed(mad1)) > 0.015）",
                en: "The first digits of \(data.unitEn(unit))'s \(tally.n) payments in \(year) do not conform to Benford's law (MAD \(Self.fixed(mad1)) > 0.015)",
                evidence: .pairs([
                    ("unit_code", .string(data.text(unit))), ("year", .int(year)), ("n", .int(tally.n)),
                    ("mad_first_digit", .string(Self.fixed(mad1))), ("conformity", .string("nonconformity")),
                    ("mad_first_two_digits", .string(Self.fixed(mad2))),
                    ("expected_mad_first_two_digits", .string(Self.fixed(expectedMAD))),
                    ("excess_mad", .string(Self.fixed(mad2 - expectedMAD))),
                    ("first_digits", .array(digits)),
                ]))
        }
        return run.result()
    }

    /// Six decimals, rounded half away from zero: "0.012345".
    static func fixed(_ x: Double) -> String {
        let scaled = Int64((abs(x) * 1_000_000).rounded())
        let frac = String(scaled % 1_000_000)
        return (x < 0 && scaled != 0 ? "-" : "") + String(scaled / 1_000_000) + "." + String(repeating: "0", count: 6 - frac.count) + frac
    }
}
