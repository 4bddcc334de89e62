import Foundation
import SunlightDomain

/// Small SVG charts for findings where a picture is clearer than the table: benefit periods
/// against a death date, a split-payment chain on a timeline against the threshold, and years
/// side by side. Drawn on the server with presentation attributes only (the CSP forbids inline
/// styles and scripts), with a title and description for screen readers.
enum FindingChart {
    static let width = 640.0
    static let height = 220.0
    static let margin = (left: 70.0, right: 20.0, top: 20.0, bottom: 40.0)

    static func svg(rule: String, evidence: EvidenceTree, language: Language) -> String? {
        if let periods = evidence["periods"]?.elements, !periods.isEmpty, periods.allSatisfy({ $0["period"] != nil }) {
            return periodChart(periods, death: evidence["death_date"]?.text, language: language)
        }
        if let payments = evidence["payments"]?.elements, payments.count >= 2, payments.allSatisfy({ $0["date"] != nil }) {
            return paymentTimeline(payments, threshold: evidence["threshold"]?.text.flatMap(fen), language: language)
        }
        if let year = evidence["year"]?.text, let total = evidence["total"]?.text.flatMap(fen),
           let previousYear = evidence["previous_year"]?.text, let previous = evidence["previous_total"]?.text.flatMap(fen) {
            return yearBars([(previousYear, previous), (year, total)], language: language)
        }
        if let years = evidence["years"]?.elements, years.count >= 2 {
            let bars = years.compactMap { item -> (String, Int64)? in
                guard let year = item["year"]?.text, let total = item["total"]?.text.flatMap(fen) else { return nil }
                return (year, total)
            }
            if bars.count >= 2 { return yearBars(bars, language: language) }
        }
        return nil
    }

    static func fen(_ yuan: String) -> Int64? { try? Money.parseFen(yuan) }

    /// Paid periods month by month, the death month marked; every bar drawn is a payment the
    /// rule found after the death.
    static func periodChart(_ periods: [EvidenceTree], death: String?, language: Language) -> String? {
        let paid = periods.compactMap { item -> (YearMonth, Int64)? in
            guard let text = item["period"]?.text, let month = YearMonth(text: text) else { return nil }
            return (month, item["amount"]?.text.flatMap(fen) ?? 0)
        }
        guard let first = paid.map(\.0).min(), let last = paid.map(\.0).max() else { return nil }
        let deathMonth = death.flatMap { LocalDate(iso: $0) }?.yearMonth
        let start = min(first, deathMonth ?? first).adding(months: -1)
        let end = last.adding(months: 1)
        let months = start.months(until: end) + 1
        guard months > 0, months <= 240 else { return nil }
        let maxAmount = max(1, paid.map(\.1).max() ?? 1)
        let plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom
        let step = plotW / Double(months)
        var body = axes(maxLabel: Money.formatYuan(maxAmount))
        var totals: [YearMonth: Int64] = [:]
        for (month, amount) in paid { totals[month, default: 0] += amount }
        for (month, amount) in totals.sorted(by: { $0.key < $1.key }) {
            let x = margin.left + Double(start.months(until: month)) * step
            let h = plotH * Double(amount) / Double(maxAmount)
            body += "<rect x=\"\(f(x + step * 0.15))\" y=\"\(f(margin.top + plotH - h))\" width=\"\(f(step * 0.7))\" height=\"\(f(h))\" fill=\"#b42318\"><title>\(month.text): \(Money.formatYuan(amount))</title></rect>"
        }
        for index in stride(from: 0, to: months, by: max(1, months / 8)) {
            let month = start.adding(months: index)
            body += "<text x=\"\(f(margin.left + Double(index) * step + step / 2))\" y=\"\(f(height - 18))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#475467\">\(month.text)</text>"
        }
        if let deathMonth {
            let x = margin.left + Double(start.months(until: deathMonth) + 1) * step
            let label = language == .zh ? "死亡" : "death"
            body += "<line x1=\"\(f(x))\" y1=\"\(f(margin.top))\" x2=\"\(f(x))\" y2=\"\(f(margin.top + plotH))\" stroke=\"#101828\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
            body += "<text x=\"\(f(x - 4))\" y=\"\(f(margin.top + 12))\" font-size=\"12\" text-anchor=\"end\" fill=\"#101828\">\(label) \(death ?? "")</text>"
        }
        let title = language == .zh ? "死亡后仍发放的期间" : "Periods paid after the death"
        let desc = language == .zh ? "红色柱为死亡月份（虚线）之后发放的各期金额。" : "Red bars are the amounts paid for periods after the month of death (dashed line)."
        return wrap(body, title: title, description: desc)
    }

    /// A chain of payments on a date axis, with the running total climbing to the threshold.
    static func paymentTimeline(_ payments: [EvidenceTree], threshold: Int64?, language: Language) -> String? {
        let items = payments.compactMap { item -> (LocalDate, Int64)? in
            guard let text = item["date"]?.text, let date = LocalDate(iso: text) else { return nil }
            return (date, item["amount"]?.text.flatMap(fen) ?? 0)
        }.sorted { $0.0 < $1.0 }
        guard let first = items.first?.0, let last = items.last?.0 else { return nil }
        let total = items.reduce(Int64(0)) { $0 + $1.1 }
        let top = max(total, threshold ?? 0, 1)
        let span = max(1, first.days(until: last))
        let plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom
        func x(_ date: LocalDate) -> Double { margin.left + 10 + (plotW - 20) * Double(first.days(until: date)) / Double(span) }
        func y(_ amount: Int64) -> Double { margin.top + plotH - plotH * Double(amount) / Double(top) }
        var body = axes(maxLabel: Money.formatYuan(top))
        if let threshold {
            body += "<line x1=\"\(f(margin.left))\" y1=\"\(f(y(threshold)))\" x2=\"\(f(width - margin.right))\" y2=\"\(f(y(threshold)))\" stroke=\"#b42318\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            let label = language == .zh ? "限额" : "threshold"
            body += "<text x=\"\(f(width - margin.right - 4))\" y=\"\(f(y(threshold) - 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#b42318\">\(label) \(Money.formatYuan(threshold))</text>"
        }
        var running: Int64 = 0
        var points: [String] = ["\(f(x(first))),\(f(y(0)))"]
        for (date, amount) in items {
            points.append("\(f(x(date))),\(f(y(running)))")
            running += amount
            points.append("\(f(x(date))),\(f(y(running)))")
            body += "<line x1=\"\(f(x(date)))\" y1=\"\(f(y(0)))\" x2=\"\(f(x(date)))\" y2=\"\(f(y(amount)))\" stroke=\"#1d4ed8\" stroke-width=\"6\"><title>\(date.iso): \(Money.formatYuan(amount))</title></line>"
        }
        body += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#101828\" stroke-width=\"1.5\"/>"
        body += "<text x=\"\(f(x(first)))\" y=\"\(f(height - 18))\" font-size=\"11\" fill=\"#475467\">\(first.iso)</text>"
        body += "<text x=\"\(f(x(last)))\" y=\"\(f(height - 18))\" font-size=\"11\" text-anchor=\"end\" fill=\"#475467\">\(last.iso)</text>"
        let title = language == .zh ? "拆分支付时间线" : "Split payments on a timeline"
        let desc = language == .zh ? "蓝色竖线为各笔支付金额，黑线为累计金额，红色虚线为采购限额。"
            : "Blue bars are the payments, the black line their running total, the dashed red line the procurement threshold."
        return wrap(body, title: title, description: desc)
    }

    /// Years side by side (三公经费).
    static func yearBars(_ bars: [(String, Int64)], language: Language) -> String {
        let top = max(1, bars.map(\.1).max() ?? 1)
        let plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom
        let step = plotW / Double(bars.count)
        var body = axes(maxLabel: Money.formatYuan(top))
        for (index, bar) in bars.enumerated() {
            let h = plotH * Double(bar.1) / Double(top)
            let x = margin.left + Double(index) * step
            let color = index == bars.count - 1 ? "#b42318" : "#667085"
            body += "<rect x=\"\(f(x + step * 0.25))\" y=\"\(f(margin.top + plotH - h))\" width=\"\(f(step * 0.5))\" height=\"\(f(h))\" fill=\"\(color)\"><title>\(bar.0): \(Money.formatYuan(bar.1))</title></rect>"
            body += "<text x=\"\(f(x + step / 2))\" y=\"\(f(height - 18))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#475467\">\(HTML.escape(bar.0)) · \(Money.formatYuan(bar.1))</text>"
        }
        let title = language == .zh ? "逐年对比" : "Years side by side"
        let desc = language == .zh ? "红色为本年，灰色为上年。" : "Red is the year flagged, grey the year before."
        return wrap(body, title: title, description: desc)
    }

    private static func axes(maxLabel: String) -> String {
        let plotH = height - margin.top - margin.bottom
        return "<line x1=\"\(f(margin.left))\" y1=\"\(f(margin.top))\" x2=\"\(f(margin.left))\" y2=\"\(f(margin.top + plotH))\" stroke=\"#98a2b3\"/>"
            + "<line x1=\"\(f(margin.left))\" y1=\"\(f(margin.top + plotH))\" x2=\"\(f(width - margin.right))\" y2=\"\(f(margin.top + plotH))\" stroke=\"#98a2b3\"/>"
            + "<text x=\"\(f(margin.left - 6))\" y=\"\(f(margin.top + 10))\" font-size=\"11\" text-anchor=\"end\" fill=\"#475467\">\(maxLabel)</text>"
            + "<text x=\"\(f(margin.left - 6))\" y=\"\(f(margin.top + plotH))\" font-size=\"11\" text-anchor=\"end\" fill=\"#475467\">0</text>"
    }

    private static func wrap(_ body: String, title: String, description: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">"
            + "<title id=\"chart-title\">\(HTML.escape(title))</title><desc id=\"chart-desc\">\(HTML.escape(description))</desc>"
            + body + "</svg>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
