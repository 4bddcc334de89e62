import SunlightDomain

/// `bid.regular_prices` 报价规律性差异: ≥ 3 valid bids whose sorted amounts form an arithmetic
/// progression (every gap within max(1 yuan, 1 % of the mean gap) of the mean gap) or a
/// geometric one (every step ratio aᵢ₊₁/aᵢ − 1 within 1 % of the mean step) (招标投标法实施条例
/// Art. 40(4): bid prices differing in a regular pattern).
///
/// "Price tests use valid or empty-status bids." The arithmetic test is exact on fen:
/// |m·gᵢ − S| ≤ max(m·1 yuan, 1 %·S) with m gaps summing to S. "Within 1 % of the mean step" is
/// read relatively, like the arithmetic test (|sᵢ − s̄| ≤ 1 %·s̄); the steps are ratios, compared
/// in binary floating point with a relative slack of 10⁻⁹ so that a step exactly at the limit
/// counts as within. Equal amounts are a progression with a step of 0 (they are also
/// `bid.identical_prices`). A geometric test needs every amount > 0. Subjects: every tender;
/// one with fewer than 3 valid bids is clear.
public struct BidRegularPricesRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.regular_prices" }
    public var version: Int { 1 }
    public var titleZh: String { "报价规律性差异" }
    public var titleEn: String { "Bid prices in a regular pattern" }
    public var explanationZh: String {
        "三家以上有效投标的报价从低到高排列后呈等差数列（每个差额与平均差额之差不超过 1 元与平均差额 1% 中的较大者）或等比数列（每一级增幅与平均增幅之差不超过平均增幅的 1%），属于《招标投标法实施条例》第四十条第（四）项所列投标报价呈规律性差异的情形，可能是一人编制多份报价。"
    }
    public var explanationEn: String {
        "Three or more valid bids whose sorted amounts form an arithmetic progression (each gap within the larger of 1 yuan and 1 % of the mean gap from the mean gap) or a geometric one (each step ratio within 1 % of the mean step) show the regular price differences listed in Article 40(4) of the Implementing Regulations: one hand may have priced several bids."
    }
    public var inputs: [String] { ["bids", "tenders"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "gap_tolerance", kind: .decimal, defaultValue: "0.01", minimum: "0", maximum: "1", maximumExclusive: true,
                       descriptionZh: "等差：差额偏离平均差额的最大比例", descriptionEn: "arithmetic: largest deviation of a gap from the mean gap, as a share of the mean gap"),
         ParameterSpec(name: "min_gap_tolerance", kind: .decimal, defaultValue: "1", minimum: "0", maximum: "1000000", maxFractionDigits: 2,
                       descriptionZh: "等差：差额偏离平均差额的最小容差（元）", descriptionEn: "arithmetic: smallest allowed deviation of a gap from the mean gap, in yuan"),
         ParameterSpec(name: "step_tolerance", kind: .decimal, defaultValue: "0.01", minimum: "0", maximum: "1", maximumExclusive: true,
                       descriptionZh: "等比：增幅偏离平均增幅的最大比例", descriptionEn: "geometric: largest deviation of a step from the mean step, as a share of the mean step")]
    }

    enum Progression: String { case arithmetic, geometric }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.bids]) { return result }
        var run = RuleRun(self, context)
        let gapTolerance = context.parameters.decimal(code, "gap_tolerance")
        let minGap = context.parameters.decimal(code, "min_gap_tolerance").fen
        let stepTolerance = context.parameters.decimal(code, "step_tolerance")
        for g in data.bidGroups {
            var priced = g.bids.filter { data.bids[$0].status.isPriced }
            guard priced.count >= 3 else { run.markClear(); continue }
            priced.sort { data.bids[$0].amount != data.bids[$1].amount ? data.bids[$0].amount < data.bids[$1].amount : $0 < $1 }
            let amounts = priced.map { data.bids[$0].amount }
            let progression: Progression
            if Self.isArithmetic(amounts, tolerance: gapTolerance, minimum: minGap) {
                progression = .arithmetic
            } else if Self.isGeometric(amounts, tolerance: stepTolerance) {
                progression = .geometric
            } else {
                run.markClear()
                continue
            }
            flag(data, g, priced, amounts, progression, context, &run)
        }
        return run.result()
    }

    /// Every gap within max(`minimum` fen, `tolerance` × mean gap) of the mean gap, exactly.
    static func isArithmetic(_ a: [Int64], tolerance: FixedDecimal, minimum: Int64) -> Bool {
        let m = Int64(a.count - 1)
        let total = a[a.count - 1] - a[0]
        for i in 1..<a.count {
            let deviation = (m * (a[i] - a[i - 1]) - total).magnitude
            guard deviation > UInt64(m * minimum) else { continue }
            guard deviation <= UInt64(Int64.max),
                  Exact.compare(Int64(deviation), times: FixedDecimal.scale, total, times: tolerance.micros) <= 0 else { return false }
        }
        return true
    }

    /// Every step aᵢ₊₁/aᵢ − 1 within `tolerance` × mean step of the mean step.
    static func isGeometric(_ a: [Int64], tolerance: FixedDecimal) -> Bool {
        guard a[0] > 0 else { return false }
        let steps = steps(a)
        let mean = steps.reduce(0, +) / Double(steps.count)
        let limit = mean * (Double(tolerance.micros) / Double(FixedDecimal.scale)) * (1 + 1e-9)
        return steps.allSatisfy { abs($0 - mean) <= limit }
    }

    static func steps(_ a: [Int64]) -> [Double] {
        (1..<a.count).map { Double(a[$0] - a[$0 - 1]) / Double(a[$0 - 1]) }
    }

    /// A ratio with 6 decimals.
    static func text(_ x: Double) -> String {
        let micros = Int64((x * 1_000_000).rounded())
        let fraction = String(micros.magnitude % 1_000_000)
        return (micros < 0 ? "-" : "") + String(micros.magnitude / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    private func flag(_ data: SupervisionData, _ g: BidGroup, _ priced: [Int], _ amounts: [Int64], _ progression: Progression,
                      _ context: RuleContext, _ run: inout RuleRun) {
        let m = Int64(amounts.count - 1)
        let total = amounts[amounts.count - 1] - amounts[0]
        let meanGap = (total + m / 2) / m
        let steps = amounts[0] > 0 ? Self.steps(amounts) : []
        let meanStep = steps.isEmpty ? nil : steps.reduce(0, +) / Double(steps.count)
        let lines: [Evidence] = priced.enumerated().map { k, i in
            let b = data.bids[i]
            return BidBook.bidLine(data, b, [
                ("gap", k == 0 ? .null : .yuan(amounts[k] - amounts[k - 1])),
                ("step", k == 0 || steps.isEmpty ? .null : .string(Self.text(steps[k - 1]))),
            ])
        }
        var fields = BidBook.tenderFields(data, g) + [
            ("progression", .string(progression.rawValue)), ("bids", .array(lines)), ("bid_count", .int(priced.count)),
            ("mean_gap", .yuan(meanGap)), ("mean_step", meanStep.map { .string(Self.text($0)) } ?? .null),
        ]
        let prices = amounts.map(Display.yuan).joined(separator: "、")
        let zh: String, en: String
        if progression == .arithmetic {
            fields += [("gap_tolerance", .string(context.parameters.decimal(code, "gap_tolerance").text)),
                       ("min_gap_tolerance", .yuan(context.parameters.decimal(code, "min_gap_tolerance").fen))]
            zh = "\(BidBook.nameZh(data, g))的 \(amounts.count) 个有效报价（\(prices) 元）呈等差数列，平均差额 \(Display.yuan(meanGap)) 元"
            en = "The \(amounts.count) valid bids of \(BidBook.nameEn(data, g)) (\(amounts.map(Display.yuan).joined(separator: ", ")) yuan) form an arithmetic progression with a mean gap of \(Display.yuan(meanGap)) yuan"
        } else {
            fields += [("step_tolerance", .string(context.parameters.decimal(code, "step_tolerance").text))]
            let pct = BidBook.ratio(Int64(((meanStep ?? 0) * 1_000_000).rounded()), 10_000, digits: 2)
            zh = "\(BidBook.nameZh(data, g))的 \(amounts.count) 个有效报价（\(prices) 元）呈等比数列，平均增幅 \(pct)%"
            en = "The \(amounts.count) valid bids of \(BidBook.nameEn(data, g)) (\(amounts.map(Display.yuan).joined(separator: ", ")) yuan) form a geometric progression with a mean step of \(pct) %"
        }
        run.flag(subject: BidBook.tenderID(data, g), severity: .medium, zh: zh, en: en, evidence: .pairs(fields))
    }
}
