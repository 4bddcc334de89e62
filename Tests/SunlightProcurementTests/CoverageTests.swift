import Foundation
import Testing
@testable import SunlightProcurement

@Suite struct CoverageTests {
    func coverage(_ text: String) -> CoverageReport {
        Coverage.jsonLines(Data(text.utf8), threads: 1).report
    }

    /// Cardinal's documented example (docs/cli/coverage.md), output text included.
    @Test func cardinalDocumentationExample() {
        let report = coverage(#"{"phoneNumbers": [{"type": "home", "number": "212 555-1234"}, {"type": "office", "number": "646 555-4567"}]}"#)
        #expect(report.cardinalJSON == #"{"/phoneNumbers[]/type": 2, "/phoneNumbers[]/number": 2, "/phoneNumbers[]/": 2, "/phoneNumbers[]": 2, "/phoneNumbers": 1, "/": 1, "": 1}"#)
    }

    @Test func cardinalCaveats() {
        // A repeated member counts once, with the last value; an empty name shares its object's
        // path; a name ending in [] can share a sibling array's path.
        #expect(coverage(#"{"a":0,"a":null}"#).paths.isEmpty)
        #expect(coverage(#"{"a":null,"a":0}"#).cardinalJSON == #"{"/a": 1, "/": 1, "": 1}"#)
        #expect(coverage(#"{"":0}"#).cardinalJSON == #"{"/": 2, "": 1}"#)
        #expect(coverage(#"{"a[]":0,"a":[0]}"#).cardinalJSON == #"{"/a[]": 2, "/a": 1, "/": 1, "": 1}"#)
    }

    @Test func emptyNodesDoNotCount() {
        let report = coverage("null\nfalse\n0\n\"\"\n[]\n{}\n\"0\"\n[0]\n{\"a\":0}\n\n[null,{},[],\"\"]\n")
        #expect(report.count("") == 5)
        #expect(report.count("[]") == 1)
        #expect(report.count("/a") == 1)
        #expect(report.processes == 10) // every non-blank line is walked; empty ones count nothing
    }

    @Test func invalidLinesAreSkippedAndListed() {
        let (report, invalid) = Coverage.jsonLines(Data("{\"a\":0}\n{\"\"a\":0}\n{\n".utf8), threads: 2)
        #expect(report.cardinalJSON == #"{"/a": 1, "/": 1, "": 1}"#)
        #expect(invalid.map(\.line) == [2, 3])
    }

    @Test func parallelCountingKeepsCardinalsOrder() {
        var text = ""
        for i in 0..<20_000 { text += i % 2 == 0 ? "{\"x\":{\"y\":\(i)}}\n" : "{\"z\":[\(i)]}\n" }
        let one = Coverage.jsonLines(Data(text.utf8), threads: 1).report
        let two = Coverage.jsonLines(Data(text.utf8), threads: 2).report
        #expect(one == two)
        #expect(one.paths.map(\.path) == ["/x/y", "/x/", "/x", "/", "", "/z[]", "/z"])
    }

    @Test func processCoverageSaysWhichIndicatorsTheDataSupports() throws {
        let (report, read) = try Coverage.processes(file: Fixtures.jsonl("R024"))
        #expect(read.processes == 22)
        #expect(report.processes == 22)
        #expect(report.processesWith("/bids/details[]/value/amount") == 22)
        #expect(report.count("/bids/details[]/value/amount") == 45)
        let support = Dictionary(uniqueKeysWithValues: report.indicatorSupport.map { ($0.code, $0) })
        #expect(support[.r024]?.status == .supported)
        #expect(support[.r003]?.status == .unsupported)
        #expect(support[.r003]?.missing == ["/tender/tenderPeriod/startDate", "/tender/tenderPeriod/endDate"])
        #expect(support[.r038]?.missing == [])
        #expect(support[.r048]?.missing == ["/awards[]/items[]/classification/id"])
        #expect(support[.r024]?.processesWithAllRequired == 22)
    }

    @Test func processCoverageCountsCompiledRecordsNotPackages() throws {
        let text = """
        {"records":[{"ocid":"r","releases":[{"ocid":"r","date":"2024-01-01","tender":{"status":"active"}},{"ocid":"r","date":"2024-02-01","tender":{"status":"complete"}}]}]}
        """
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sunlight-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let (report, _) = try Coverage.processes(file: url)
        #expect(report.processes == 1)
        #expect(report.count("/tender/status") == 1)
        #expect(report.count("/records") == 0)
        #expect(report.count("/tag[]") == 1) // the compiled release's tag
    }
}
