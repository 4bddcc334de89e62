import SunlightDomain

/// Walking the benefit roll, which `SupervisionData` keeps sorted by (person, program, period).
enum BenefitRoll {
    /// Calls `body` with each run of rows sharing (person, program): one subject of the
    /// `id_number|program` rules.
    static func forEachSubject(_ rows: [BenefitRecord], _ body: (Range<Int>) -> Void) {
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, rows[end].person == rows[start].person, rows[end].program == rows[start].program { end += 1 }
            body(start..<end)
            start = end
        }
    }

    /// Calls `body` with each run of rows of one person (all programs).
    static func forEachPerson(_ rows: [BenefitRecord], _ body: (Range<Int>) -> Void) {
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, rows[end].person == rows[start].person { end += 1 }
            body(start..<end)
            start = end
        }
    }

    static func subject(_ data: SupervisionData, _ row: BenefitRecord) -> String {
        data.text(row.person) + "|" + data.text(row.program)
    }

    /// "张三（3604…）".
    static func whoZh(_ data: SupervisionData, _ row: BenefitRecord) -> String {
        "\(data.text(row.name))（\(Display.shortID(data.text(row.person)))）"
    }

    static func whoEn(_ data: SupervisionData, _ row: BenefitRecord) -> String {
        "\(data.text(row.name)) (\(Display.shortID(data.text(row.person))))"
    }

    /// One evidence line per offending row: period, amount, paid date (plus `extra` fields).
    static func periodLine(_ data: SupervisionData, _ row: BenefitRecord, _ extra: [(String, Evidence)] = []) -> Evidence {
        .pairs([("period", .string(Display.month(row.period).text)), ("amount", .yuan(row.amount)),
                ("paid_date", Display.dateEvidence(row.paidDay))] + extra)
    }

    static func distinctPeriods(_ data: SupervisionData, _ indices: [Int]) -> Int {
        var count = 0
        var last: Int32? = nil
        for i in indices where data.benefits[i].period != last {
            count += 1
            last = data.benefits[i].period
        }
        return count
    }

    static func total(_ data: SupervisionData, _ indices: [Int]) -> Int64 {
        indices.reduce(0) { $0 + data.benefits[$1].amount }
    }

    /// The first and last day of a period, as day numbers.
    static func days(of period: Int32) -> (first: Int32, last: Int32) {
        let month = Display.month(period)
        return (Int32(month.firstDay.dayNumber), Int32(month.lastDay.dayNumber))
    }

    /// Rules that join on the ID cannot judge a row whose ID could not be read.
    static let unreadableIDZh = "身份证号无效或为空，无法与其他数据比对"
    static let unreadableIDEn = "the ID number is invalid or empty, so it cannot be matched with other data"
}
