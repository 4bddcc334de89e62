import Foundation
import Testing
@testable import SunlightProcurement

@Suite struct ReaderTests {
    func read(_ text: String, skipInvalid: Bool = false, threads: Int = 1) throws -> ([ContractingProcess], ReadSummary) {
        try OCDSReader(options: ReadOptions(skipInvalid: skipInvalid, threads: threads)).readAll(data: Data(text.utf8))
    }

    func readError(_ text: String, skipInvalid: Bool = false) -> ReadError? {
        do {
            _ = try read(text, skipInvalid: skipInvalid)
            return nil
        } catch let error as ReadError {
            return error
        } catch {
            return nil
        }
    }

    // MARK: Layouts

    @Test func compiledReleasesOnePerLine() throws {
        let (processes, summary) = try read("""
        {"ocid":"a","buyer":{"id":"B","name":"县财政局"},"tender":{"status":"active","procurementMethod":"open","numberOfTenderers":3}}

        {"ocid":"b"}
        """)
        #expect(summary.layout == .jsonLines)
        #expect(processes.map(\.ocid) == ["a", "b"])
        #expect(processes.map(\.line) == [1, 3])
        #expect(processes[0].buyer == OrganizationReference(id: "B", name: "县财政局"))
        #expect(processes[0].tender?.procurementMethod == "open")
        #expect(processes[0].tender?.numberOfTenderers?.value == 3)
        #expect(processes[1].tender == nil && processes[1].bids == nil && processes[1].awards == nil)
    }

    @Test func extractsEveryModelledField() throws {
        let line = """
        {"ocid":"ocds-x-1","date":"2024-05-01T08:00:00+08:00","buyer":{"id":1001,"name":"县卫健委"},\
        "tender":{"id":"T1","status":"complete","procurementMethod":"open","procurementMethodDetails":"公开招标",\
        "tenderPeriod":{"startDate":"2024-03-01","endDate":"2024-03-21T09:30:00"},"numberOfTenderers":2,\
        "value":{"amount":1000000.50,"currency":"CNY"},"procuringEntity":{"id":"PE","name":"代理公司"},\
        "items":[{"id":"1","classification":{"scheme":"CPV","id":"33100000"}},{"id":"2"}],"documents":[{"url":"x"}]},\
        "bids":{"statistics":[],"details":[{"id":"b1","status":"valid","date":"2024-03-20T10:00:00Z",\
        "value":{"amount":990000,"currency":"CNY"},"tenderers":[{"id":"91110000600037341L","name":"甲公司"}],\
        "sunlight":{"device_id":"MAC-01","ip":"10.0.0.8","bond_account":"6222 0000","file_hash":"ab12",\
        "contact_name":"张三","contact_phone":"138-0000-0000","extra":1}},\
        {"id":"b2","status":"disqualified","tenderers":{"id":"T2"}}]},\
        "awards":[{"id":"a1","status":"active","date":"2024-04-01","value":{"amount":990000,"currency":"CNY"},\
        "suppliers":[{"id":"91110000600037341L"}],"relatedBids":["b1"],"items":[{"classification":{"id":4511}}]}],\
        "contracts":[{"id":"c1","awardID":"a1","status":"active","value":{"amount":990000,"currency":"CNY"},"dateSigned":"2024-04-10"}],\
        "parties":[{"id":"91110000600037341L","name":"甲公司","roles":["tenderer","supplier"],\
        "identifier":{"scheme":"CN-USCC","id":"91110000600037341L"}}]}
        """
        let (processes, _) = try read(line)
        let p = try #require(processes.first)
        #expect(p.ocid == "ocds-x-1")
        #expect(p.date?.raw == "2024-05-01T08:00:00+08:00")
        #expect(p.buyer?.id == "1001") // numeric id kept as text, like Cardinal's prepare
        let t = try #require(p.tender)
        #expect(t.id == "T1" && t.status == "complete" && t.procurementMethodDetails == "公开招标")
        #expect(t.tenderPeriodStart?.raw == "2024-03-01")
        #expect(t.value?.amount?.exact.description == "1000000.5")
        #expect(t.value?.currency == "CNY")
        #expect(t.procuringEntity?.id == "PE")
        #expect(t.itemClassificationIDs == ["33100000"])
        let bids = try #require(p.bids)
        #expect(bids.count == 2)
        #expect(bids[0].id == "b1" && bids[0].status == "valid")
        #expect(bids[0].value?.amount?.value == 990000)
        #expect(bids[0].tenderers == [OrganizationReference(id: "91110000600037341L", name: "甲公司")])
        #expect(bids[0].sunlight == BidEvidence(deviceID: "MAC-01", ip: "10.0.0.8", bondAccount: "6222 0000",
                                                fileHash: "ab12", contactName: "张三", contactPhone: "138-0000-0000"))
        #expect(bids[1].tenderers?.map(\.id) == ["T2"]) // a lone object becomes an array
        #expect(bids[1].sunlight == nil)
        let award = try #require(p.awards?.first)
        #expect(award.id == "a1" && award.status == "active" && award.relatedBids == ["b1"])
        #expect(award.suppliers?.first?.id == "91110000600037341L")
        #expect(award.itemClassificationIDs == ["4511"])
        #expect(p.contracts.first?.awardID == "a1")
        #expect(p.contracts.first?.dateSigned?.raw == "2024-04-10")
        #expect(p.parties.first?.roles == ["tenderer", "supplier"])
        #expect(p.parties.first?.identifierScheme == "CN-USCC")
        #expect(p.parties.first?.identifierID == "91110000600037341L")
    }

    @Test func wrongTypesReadAsAbsentLikeCardinal() throws {
        let (processes, _) = try read("""
        {"ocid":"x","tender":{"status":3,"numberOfTenderers":"1"},"bids":{"details":[{"status":null,"value":{"amount":"5","currency":1}}]},"awards":{}}
        """)
        let p = try #require(processes.first)
        #expect(p.tender?.status == nil)
        #expect(p.tender?.numberOfTenderers == nil)
        #expect(p.bids?.first?.status == nil)
        #expect(p.bids?.first?.value == MonetaryValue())
        #expect(p.awards == nil)
    }

    @Test func releasePackageDocumentCompilesRepeatedOCIDs() throws {
        let text = """
        {
          "uri": "https://example.org/package.json",
          "publishedDate": "2024-05-01T00:00:00Z",
          "releases": [
            {
              "ocid": "ocds-1", "id": "1", "date": "2024-03-01T00:00:00Z", "tag": ["tender"],
              "tender": {"status": "active", "tenderPeriod": {"startDate": "2024-03-01T00:00:00Z", "endDate": "2024-03-05T00:00:00Z"}},
              "parties": [{"id": "P1", "name": "Old name", "roles": ["buyer"]}]
            },
            {"ocid": "ocds-2", "id": "2", "date": "2024-03-02T00:00:00Z"},
            {
              "ocid": "ocds-1", "id": "3", "date": "2024-04-01T00:00:00Z", "tag": ["award"],
              "tender": {"status": "complete"},
              "awards": [{"id": "A", "status": "active", "suppliers": [{"id": "S"}]}],
              "parties": [{"id": "P1", "name": "New name"}, {"id": "S", "roles": ["supplier"]}]
            }
          ]
        }
        """
        let (processes, summary) = try read(text)
        #expect(summary.layout == .document)
        #expect(summary.compiledFromReleases == 1)
        #expect(processes.map(\.ocid) == ["ocds-1", "ocds-2"])
        let p = processes[0]
        #expect(p.tender?.status == "complete")                    // latest wins
        #expect(p.tender?.tenderPeriodEnd?.raw == "2024-03-05T00:00:00Z") // merged field by field
        #expect(p.awards?.first?.suppliers?.first?.id == "S")
        #expect(p.parties.map(\.id) == ["P1", "S"])                  // merged by id
        #expect(p.parties[0].name == "New name" && p.parties[0].roles == ["buyer"])
        #expect(p.line == 5)
    }

    @Test func recordPackageUsesCompiledReleaseOrCompilesReleases() throws {
        let text = """
        {"records":[
          {"ocid":"r1","compiledRelease":{"ocid":"r1","tender":{"status":"active"}},"releases":[{"url":"x","date":"2024-01-01"}]},
          {"ocid":"r2","releases":[
            {"ocid":"r2","date":"2024-02-01T00:00:00Z","tag":["award"],"awards":[{"id":"A","status":"active","items":[{"id":"1"}]}],"tender":{"items":[{"id":"i"}],"status":null}},
            {"ocid":"r2","date":"2024-01-01T00:00:00Z","tag":["tender"],"tender":{"status":"active","procurementMethod":"open"},"awards":[{"id":"A","status":"pending","date":"2024-01-15"}]}
          ]},
          {"ocid":"r3","releases":[{"url":"linked only","date":"2024-01-01"}]}
        ]}
        """
        #expect(readError(text)?.kind == .recordWithoutReleases)
        let (processes, summary) = try read(text, skipInvalid: true)
        #expect(processes.map(\.ocid) == ["r1", "r2"])
        #expect(summary.compiledFromReleases == 1)
        #expect(summary.skipped.map(\.kind) == [.recordWithoutReleases])
        let r2 = processes[1]
        #expect(r2.tender?.status == nil)                // null removes the field
        #expect(r2.tender?.procurementMethod == "open")
        #expect(r2.awards?.count == 1)
        #expect(r2.awards?.first?.status == "active")    // the later release wins…
        #expect(r2.awards?.first?.date?.raw == "2024-01-15") // …field by field
    }

    @Test func jsonLinesOfPackagesAndRecords() throws {
        let text = """
        {"uri":"u","releases":[{"ocid":"a"},{"ocid":"b"}]}
        {"uri":"u","records":[{"ocid":"c","compiledRelease":{"ocid":"c"}}]}
        {"ocid":"d","compiledRelease":{"ocid":"d","buyer":{"id":"B"}},"versionedRelease":{}}
        """
        let (processes, _) = try read(text)
        #expect(processes.map(\.ocid) == ["a", "b", "c", "d"])
        #expect(processes.map(\.line) == [1, 1, 2, 3])
        #expect(processes[3].buyer?.id == "B")
    }

    @Test func largePackagesAreExtractedInParallelWithTheSameResult() throws {
        // Over the 4 MB "large value" bar, on one line and as a pretty document.
        var releases: [String] = []
        for i in 0..<12_000 {
            let padding = String(repeating: "说明", count: 100)
            releases.append("{\"ocid\":\"o\(i % 11_000)\",\"date\":\"2024-01-\(i < 11_000 ? "01" : "02")T00:00:00Z\",\"tender\":{\"title\":\"\(padding)\",\"status\":\"\(i < 11_000 ? "active" : "complete")\"}}")
        }
        let oneLine = "{\"releases\":[" + releases.joined(separator: ",") + "]}"
        let pretty = "{\n  \"releases\": [\n" + releases.joined(separator: ",\n") + "\n  ]\n}\n"
        #expect(oneLine.utf8.count > OCDSReader.largeValueBytes)
        for text in [oneLine, pretty] {
            let (processes, summary) = try read(text, threads: 2)
            #expect(processes.count == 11_000)
            #expect(summary.compiledFromReleases == 1_000)
            #expect(processes[0].tender?.status == "complete")
            #expect(processes[1_000].tender?.status == "active")
        }
        let (prettyProcesses, _) = try read(pretty, threads: 2)
        #expect(prettyProcesses[5].line == 8)
    }

    @Test func parallelPartsKeepOrderAndLineNumbers() throws {
        // About 3 MB: split into several parts read concurrently.
        var text = ""
        for i in 1...20_000 {
            text += i == 12_345 ? "{broken\n" : "{\"ocid\":\"p\(i)\",\"tender\":{\"title\":\"\(String(repeating: "标", count: 40))\"}}\n"
        }
        #expect(text.utf8.count > 8 << 18)
        let error = readError(text)
        #expect(error?.line == 12_345)
        let (processes, summary) = try read(text, skipInvalid: true, threads: 4)
        #expect(processes.count == 19_999)
        #expect(processes.map(\.line) == Array(1...12_344) + Array(12_346...20_000))
        #expect(processes.map(\.ocid) == processes.map { "p\($0.line)" })
        #expect(summary.skipped.map(\.line) == [12_345])
        #expect(summary.lines == 20_000)
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let (processes, _) = try read("\u{FEFF}{\"ocid\":\"a\"}\n")
        #expect(processes.map(\.ocid) == ["a"])
    }

    // MARK: Errors

    @Test func invalidLinesAreReportedWithLineNumbers() throws {
        let text = "{\"ocid\":\"a\"}\n{\"ocid\":\"b\",}\n\n{\"ocid\":\"c\"}\n{\"ocid\":\"d\n"
        let error = try #require(readError(text))
        #expect(error.kind == .invalidJSON)
        #expect(error.line == 2)
        #expect(error.column == 13)
        #expect(error.messageEn.hasPrefix("line 2, column 13: invalid JSON"))
        #expect(error.messageZh.hasPrefix("第 2 行第 13 列"))

        let (processes, summary) = try read(text, skipInvalid: true, threads: 2)
        #expect(processes.map(\.ocid) == ["a", "c"])
        #expect(summary.skippedCount == 2)
        #expect(summary.skipped.map(\.line) == [2, 5])
        #expect(summary.lines == 5)
    }

    @Test func invalidUTF8IsInvalidJSON() throws {
        var bytes = Array("{\"ocid\":\"a\"}\n{\"ocid\":\"".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\"}\n".utf8)
        do {
            _ = try OCDSReader(options: ReadOptions(threads: 1)).readAll(data: Data(bytes))
            Issue.record("expected an error")
        } catch let error as ReadError {
            #expect(error.kind == .invalidJSON && error.syntax == .invalidUTF8 && error.line == 2)
        }
    }

    @Test func firstLineBrokenIsStillJSONLines() throws {
        // Cardinal's invalid_brace_first: a lone "{" then a valid line.
        let error = readError("{\n{\"ocid\":\"a\"}\n")
        #expect(error?.kind == .invalidJSON)
        #expect(error?.line == 1)
        let (processes, summary) = try read("{\n{\"ocid\":\"a\"}\n", skipInvalid: true)
        #expect(processes.map(\.ocid) == ["a"])
        #expect(summary.skipped.first?.line == 1)
    }

    @Test func nonOCDSInputIsAClearError() throws {
        let lines = readError("{\"name\":\"not ocds\"}\n{\"id\":1}\n")
        #expect(lines?.kind == .notOCDS)
        #expect(lines?.line == 1)
        #expect(lines?.messageZh.contains("不是 OCDS 数据") == true)
        // Even when skipping, a file with no OCDS at all is the wrong file.
        #expect(readError("{\"name\":\"x\"}\n[1,2]\n", skipInvalid: true)?.kind == .notOCDS)
        #expect(readError("{\n  \"data\": [1, 2, 3]\n}\n")?.kind == .notOCDS)
        #expect(readError("{\"releases\":[{\"id\":\"no ocid\"}]}")?.kind == .notOCDS)
        // A stray non-OCDS line among OCDS lines can be skipped.
        let (processes, summary) = try read("{\"ocid\":\"a\"}\n{\"x\":1}\n", skipInvalid: true)
        #expect(processes.count == 1 && summary.skipped.first?.kind == .notOCDS)
    }

    @Test func missingFileAndDirectoryAreIOErrors() {
        let reader = OCDSReader()
        #expect(throws: ReadError.self) { try reader.read(file: URL(fileURLWithPath: "/nonexistent/x.jsonl")) { _ in } }
        do {
            _ = try reader.read(file: URL(fileURLWithPath: NSTemporaryDirectory())) { _ in }
            Issue.record("expected an error")
        } catch let error as ReadError {
            #expect(error.kind == .io && error.detail?.contains("directory") == true)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func streamsAFileInSmallBatches() throws {
        var text = ""
        for i in 0..<5_000 { text += "{\"ocid\":\"p\(i)\",\"tender\":{\"title\":\"\(String(repeating: "x", count: 50))\"}}\n" }
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sunlight-\(UUID().uuidString).jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var batches = 0
        var lines: [Int] = []
        let summary = try OCDSReader(options: ReadOptions(threads: 2, batchBytes: 1 << 16)).read(file: url) { batch in
            batches += 1
            lines += batch.map(\.line)
        }
        #expect(summary.processes == 5_000)
        #expect(summary.bytes == text.utf8.count)
        #expect(batches > 5)
        #expect(lines == Array(1...5_000))
    }
}
