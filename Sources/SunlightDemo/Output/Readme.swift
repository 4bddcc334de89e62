import Foundation

enum Readme {
    static func write(_ s: DemoSummary, truth: TruthLog, to url: URL) throws {
        var t = ""
        let names = s.counties.map(\.name).joined(separator: "、")
        t += "Sunlight demo data set — \(s.size.rawValue), seed \(s.seed), as-of \(s.asOf.iso)\n"
        t += String(repeating: "=", count: 60) + "\n\n"
        t += "An imaginary county-level data set (\(names)) for trying Sunlight's imports and supervision rules.\n"
        t += "All names, ID numbers, credit codes, accounts and plates are invented; IDs and USCCs carry correct\n"
        t += "check characters (except the deliberately invalid IDs listed in truth.jsonl).\n\n"
        for c in s.counties {
            t += "\(c.name) (region code \(c.regionCode)): county party committee and government, 5 party organs,\n"
            t += "  22 government departments (财政局, 民政局, 住建局, 交通局, 教育体育局, 卫健委 …), 8 public institutions,\n"
            t += "  3 state-owned enterprises, \(c.townships) townships (the first is 城关镇 with its communities) and\n"
            t += "  \(c.villages) villages/communities; \(c.officials) officials and village cadres.\n"
        }
        t += "\nPeriod covered: benefit rolls 2024-01 … 2025-12 (monthly; 耕地地力保护补贴 is paid each May), payments\n"
        t += "and budgets for 2024 and 2025, projects and tenders 2022–2026, service cases 2024-01 … \(s.asOf.iso).\n"
        t += "Run the rules with --as-of \(s.asOf.iso).\n\n"
        t += "Files (data rows, header excluded):\n"
        for f in s.files where f.hasSuffix(".csv") {
            t += "  " + f.padding(toLength: 20, withPad: " ", startingAt: 0) + String(s.rowCounts[f] ?? 0) + "\n"
        }
        t += "  truth.jsonl         \(s.plantedFlags) planted findings (expect flag), \(s.plantedClears) near-misses (expect clear)\n\n"
        t += "Formats: UTF-8 without BOM, canonical English headers, ISO dates, datetimes as China local time\n"
        t += "(2025-03-07 09:15:00), money in yuan with two decimals, enumerations as English codes, booleans true/false.\n\n"
        t += "truth.jsonl: the first line is {\"as_of\",\"seed\",\"size\"}; then one line per planted case:\n"
        t += "  {\"rule\": code, \"subject\": the rule's subject key (rules.md), \"expect\": \"flag\" | \"clear\", \"note\"}.\n"
        t += "A flag must be reported by the rule for that subject; a clear is a near-miss at the edge of the rule\n"
        t += "that must not be reported.\n\n"
        t += "Per rule (flag / clear):\n"
        var rules: [String] = []
        for c in truth.cases where !rules.contains(c.rule) { rules.append(c.rule) }
        for r in rules.sorted() {
            let f = truth.cases.filter { $0.rule == r && $0.flag }.count
            let c = truth.cases.filter { $0.rule == r && !$0.flag }.count
            t += "  " + r.padding(toLength: 34, withPad: " ", startingAt: 0) + "\(f) / \(c)\n"
        }
        t += """

        The background is built to be clean, so that ideally the planted flags are the only findings:
        low-income households own no cars (only exempt motorcycles, tricycles, low-speed trucks and
        disabled-person vehicles), are linked to no company and house no official; village cadres'
        households and relatives receive no benefit at all; every household has its own account;
        payments fall on working days, stay within their budget lines, keep voucher numbers without
        gaps, follow Benford's law (log-uniform amounts) and never chain to a split; the three public
        expenses fall from 2024 to 2025; every bidder has its own device, IP, file hash, bond account
        and contact; bid prices are distinct and neither arithmetic nor geometric; open and invited
        tenders have at least three bids and twenty days; no bidder collects ten losses without a win.

        Known background effects (not planted, but expected):
        - Recipients who died stop receiving benefits in the month of death or the month before;
          those paid for the month of death are at the edge of benefit.deceased (grace 0) and clear.
        - Low-income recipients may own an exempt vehicle (摩托车, 三轮汽车, 低速货车, 残疾人专用车): clear.
        - Elderly people in low-income households get both 低保 and 高龄津贴 (not exclusive): clear.
        - Households with two or three 低保 members are paid to one account (one household): clear.
        - Cardinal indicators (R003 … R058) are not planted; goods tenders by inquiry, consultation or
          negotiation have 5–12-day periods and winners are the lowest valid bids.

        """
        try Data(t.utf8).write(to: url)
    }
}
