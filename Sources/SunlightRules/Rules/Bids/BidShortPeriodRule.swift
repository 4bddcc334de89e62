import SunlightDomain

/// `bid.short_period` 等标期过短: deadline − published_date < 20 calendar days for `open` /
/// `invited` tenders (招标投标法 Art. 24: at least twenty days from the issue of the tender
/// documents to the deadline).
///
/// "bid.short_period compares calendar dates, times ignored": the deadline's China local date
/// minus the published date. Subjects: the tenders of `tenders`; other methods are clear; a
/// tender without a method, published date or deadline cannot be judged.
public struct BidShortPeriodRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.short_period" }
    public var version: Int { 1 }
    public var titleZh: String { "等标期过短" }
    public var titleEn: String { "Tender period too short" }
    public var explanationZh: String {
        "《招标投标法》第二十四条规定，依法必须进行招标的项目，自招标文件开始发出之日起至投标人提交投标文件截止之日止，最短不得少于二十日。公开招标或邀请招标从公告到投标截止不足规定天数（按日历日计，不计时刻），可能是为了限制潜在投标人、为内定对象创造条件。"
    }
    public var explanationEn: String {
        "Article 24 of the Tendering and Bidding Law requires at least twenty days from the issue of the tender documents to the bid deadline. An open or invited tender whose deadline falls fewer calendar days after its notice (times of day ignored) may have been rushed to keep bidders out and favour a chosen one."
    }
    public var inputs: [String] { ["tenders"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "days", kind: .integer, defaultValue: "20", minimum: "1", maximum: "365",
                       descriptionZh: "公告日期至投标截止的最少日历日", descriptionEn: "fewest calendar days from the notice to the bid deadline")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.tenders]) { return result }
        var run = RuleRun(self, context)
        let minimum = context.parameters.integer(code, "days")
        for g in data.bidGroups {
            guard let t = BidBook.tender(data, g) else { continue }   // known only from bids: not a subject here
            guard t.method != .none else {
                run.markNotComputable(zh: "招标项目没有招标方式", en: "the tender has no method")
                continue
            }
            guard t.method.isTendering else { run.markClear(); continue }
            guard t.publishedDay != Day.none, t.deadlineDay != Day.none else {
                run.markNotComputable(zh: "招标项目缺少公告日期或投标截止时间", en: "the tender lacks its published date or deadline")
                continue
            }
            let days = Int(t.deadlineDay) - Int(t.publishedDay)
            guard days < minimum else { run.markClear(); continue }
            let published = Display.date(t.publishedDay).iso, deadline = Display.date(t.deadlineDay).iso
            run.flag(
                subject: BidBook.tenderID(data, g), severity: .high,
                zh: "\(BidBook.nameZh(data, g))\(published) 发布公告，\(deadline) 投标截止，仅 \(days) 天，少于 \(minimum) 天",
                en: "The \(BidBook.nameEn(data, g)) was published on \(published) with a bid deadline on \(deadline): \(days) day(s), fewer than \(minimum)",
                evidence: .pairs(BidBook.tenderFields(data, g) + [
                    ("deadline_date", .string(deadline)), ("days", .int(days)), ("minimum_days", .int(minimum)),
                ]))
        }
        return run.result()
    }
}
