import Foundation
import Hummingbird
import SunlightContract
import SunlightDomain
import SunlightRegime
import SunlightStorage
import SunlightTabular

/// Statistics of reports and clues (by source, type, unit, stage, form, sanction; overdue
/// rate) as server-drawn SVG bar charts, and the same figures as an XLSX workbook.
struct StatisticsPages {
    let services: Services
    let clues: ClueStore

    func register(on router: Router<AppRequestContext>) {
        router.get("/reports/statistics", use: page)
        router.get("/reports/statistics.xlsx", use: export)
    }

    /// Each table of figures with its heading, labels translated.
    func tables(_ request: Request, context: AppRequestContext) async throws -> (year: Int?, sections: [(String, [(String, Int)])], stats: ReportStatistics) {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.readsReportStatistics(principal.role) else { throw WebError.forbidden }
        let language = context.language
        let year = request.uri.queryParameters.get("year").flatMap(Int.init)
        let stats = try await clues.statistics(year: year, today: LocalDate.today().iso)
        let regime = clues.regime
        func zh(_ text: BilingualText?) -> String? { text.map { language == .zh ? $0.zh : $0.en } }
        let sections: [(String, [(String, Int)])] = [
            (Strings.text("report_channel", language), stats.bySource.map { (zh(ReportSource(rawValue: $0.0)?.label) ?? $0.0, $0.1) }),
            (Strings.text("report_type", language), stats.byType.map { (zh(ReportType(rawValue: $0.0)?.label) ?? $0.0, $0.1) }),
            (Strings.text("subject_unit", language), stats.byUnit),
            (Strings.text("clue_state", language), stats.byState.map { (zh(regime.clueWorkflow.info(ClueState(rawValue: $0.0))?.label) ?? $0.0, $0.1) }),
            (Strings.text("form", language), stats.byForm.map { (zh(regime.fourForms.form($0.0)?.label) ?? String($0.0), $0.1) }),
            (Strings.text("sanctions_running", language), stats.bySanction.map { code, count in
                (regime.sanction(code).map { language == .zh ? $0.system.label.zh + $0.label.zh : $0.system.label.en + " " + $0.label.en } ?? code, count)
            }),
        ]
        return (year, sections, stats)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (year, sections, stats) = try await tables(request, context: context)
        let language = context.language
        let charts = sections.map { title, bars in
            ReportStatisticsPage.Chart(title: title, rows: bars.map { .init(label: $0.0, count: $0.1) },
                                       svg: bars.isEmpty ? nil : BarChart.svg(title: title, bars: bars))
        }
        let page = ReportStatisticsPage(charts: charts, year: year.map(String.init) ?? "", missed: stats.deadlinesMissed,
                                        due: stats.deadlinesDue, rate: stats.overdueRate.map { String(format: "%.1f%%", $0 * 100) } ?? "—",
                                        query: year.map { "year=\($0)" })
        return services.renderer.render("report_statistics", title: Strings.text("statistics", language), request: request, context: context,
                                        page: page)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, sections, stats) = try await tables(request, context: context)
        var rows: [[String]] = [["section", "item", "count"]]
        for (title, bars) in sections { for bar in bars { rows.append([title, bar.0, String(bar.1)]) } }
        rows.append(["deadlines", "missed", String(stats.deadlinesMissed)])
        rows.append(["deadlines", "due", String(stats.deadlinesDue)])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-statistics-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try XLSXWriter.write(url: url, sheetName: "statistics", rows: rows, numericColumns: [2])
        return Response(status: .ok, headers: [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                               .contentDisposition: "attachment; filename=\"report-statistics.xlsx\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: try Data(contentsOf: url))))
    }
}

/// A horizontal bar chart drawn on the server: accessible (title, description, a text value
/// on every bar) and readable without scripts or colour.
enum BarChart {
    static func svg(title: String, bars: [(String, Int)]) -> String {
        let rowHeight = 26.0, labelWidth = 170.0, width = 640.0
        let height = Double(bars.count) * rowHeight + 16
        let top = Double(max(1, bars.map(\.1).max() ?? 1))
        var body = ""
        for (index, bar) in bars.enumerated() {
            let y = 8 + Double(index) * rowHeight
            let w = (width - labelWidth - 60) * Double(bar.1) / top
            body += "<text x=\"\(labelWidth - 8)\" y=\"\(f(y + 17))\" font-size=\"13\" text-anchor=\"end\" fill=\"#344054\">\(HTML.escape(String(bar.0.prefix(14))))</text>"
            body += "<rect x=\"\(labelWidth)\" y=\"\(f(y + 4))\" width=\"\(f(max(w, 1)))\" height=\"\(f(rowHeight - 8))\" fill=\"#b42318\"><title>\(HTML.escape(bar.0)): \(bar.1)</title></rect>"
            body += "<text x=\"\(f(labelWidth + max(w, 1) + 6))\" y=\"\(f(y + 17))\" font-size=\"13\" fill=\"#101828\">\(bar.1)</text>"
        }
        let id = "chart-" + String(abs(title.hashValue) % 1_000_000)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(id)\">"
            + "<title id=\"\(id)\">\(HTML.escape(title))</title>" + body + "</svg>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Reports and clues counted for a year, drawn and tabled (`report_statistics.mustache`).
struct ReportStatisticsPage {
    struct Chart {
        struct Row {
            let label: String
            let count: Int
        }

        let title: String
        let rows: [Row]
        let svg: String?
    }

    let charts: [Chart]
    let year: String
    let missed: Int
    let due: Int
    let rate: String
    /// The year as a query string, for the export link; nil for all years.
    let query: String?
}
