import Foundation
import SQLKit
import SunlightContract
import SunlightImport
import SunlightStorage
import SunlightTabular
import SunlightTestSupport
import Testing

@Suite("Importing dataset files")
struct ImportTests {
    static func importer(_ test: TestDatabase) -> Importer { Importer(recorder: test.recorder) }

    static func write(_ text: String, _ name: String, in test: TestDatabase) throws -> URL {
        let url = test.directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test(arguments: TestBackend.available)
    func theSampleRegistryImportsAndReimportsIdempotently(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let importer = Self.importer(test)
            var counts: [String: Int] = [:]
            for dataset in Registry.all {
                let report = try await importer.run(dataset, file: Fixtures.registry("\(dataset.name).csv"), by: .system())
                #expect(report.status == .committed, "\(dataset.name): \(report.errors.map(\.reportLine)) \(String(describing: report.fileError))")
                #expect(report.inserted == report.rowsRead && report.rowsRead > 0)
                counts[dataset.name] = report.rowsRead
            }
            for dataset in Registry.all {
                let again = try await importer.run(dataset, file: Fixtures.registry("\(dataset.name).csv"), by: .system())
                #expect(again.status == .committed && again.inserted == 0 && again.updated == 0 && again.unchanged == counts[dataset.name])
                #expect(try await RecordStore(database: test.database).count(dataset) == counts[dataset.name])
            }
            let imports = try await ImportLog(database: test.database).recent(limit: 100)
            #expect(imports.count == 2 * Registry.all.count)
            #expect(imports.allSatisfy { $0.fileSHA256.count == 64 && $0.status == "committed" })
        }
    }

    @Test(arguments: TestBackend.available)
    func aBadFileWritesNothingAndListsEveryBadLine(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let report = try await Self.importer(test).run(Registry.people, file: Fixtures.registry("people-bad.csv"), by: .system())
            #expect(report.status == .rejected)
            #expect(report.inserted == 0 && report.rowsRead == 6 && report.rejectedRows == 5)
            #expect(report.errors.map { "\($0.line) \($0.column) \($0.code)" } == [
                "3 id_number id_number.checksum",
                "4 since date.invalid",
                "5 name required",
                "6 category enum.invalid",
                "7 id_number key.duplicate",
            ])
            #expect(report.errors[1].value == "2025-02-30")
            #expect(try await RecordStore(database: test.database).count(Registry.people) == 0)
            let recorded = try await ImportLog(database: test.database).recent()
            #expect(recorded.first?.status == "rejected" && recorded.first?.rejected == 5)
        }
    }

    @Test(arguments: TestBackend.available)
    func skipInvalidWritesTheValidRows(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let report = try await Self.importer(test).run(Registry.people, file: Fixtures.registry("people-bad.csv"),
                                                           options: ImportOptions(skipInvalid: true), by: .system())
            #expect(report.status == .committedWithRejects && report.inserted == 1 && report.rejectedRows == 5)
            #expect(try await RecordStore(database: test.database).count(Registry.people) == 1)
        }
    }

    @Test func malformedFilesAreRejectedWithAClearReason() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let importer = Self.importer(test)
            let broken = try Self.write("unit_code,name,kind\nA,\"县政府,government\nB,局,department\n", "broken.csv", in: test)
            let brokenReport = try await importer.run(Registry.units, file: broken, by: .system())
            #expect(brokenReport.status == .rejected && brokenReport.fileError?.code.hasPrefix("csv.") == true)
            #expect(brokenReport.fileError?.line == 2)

            let missing = try Self.write("unit_code,name\nA,县政府\n", "missing.csv", in: test)
            let missingReport = try await importer.run(Registry.units, file: missing, by: .system())
            #expect(missingReport.status == .rejected && missingReport.fileError?.messageEn.contains("kind") == true)

            let garbage = test.directory.appendingPathComponent("garbage.csv")
            try Data([0x75, 0x6e, 0x69, 0x74, 0x0a, 0xff, 0xfe, 0xfd, 0x80, 0x81, 0xff, 0x0a]).write(to: garbage)
            let garbageReport = try await importer.run(Registry.units, file: garbage, by: .system())
            #expect(garbageReport.status == .rejected && garbageReport.fileError?.code == "file.encoding")

            let empty = try Self.write("", "empty.csv", in: test)
            #expect(try await importer.run(Registry.units, file: empty, by: .system()).status == .rejected)
            #expect(try await RecordStore(database: test.database).count(Registry.units) == 0)
        }
    }

    @Test func gb18030AndXLSXFilesImportLikeUTF8() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let importer = Self.importer(test)
            let text = try String(contentsOf: Fixtures.registry("units.csv"), encoding: .utf8)
            let gb = test.directory.appendingPathComponent("units-gb18030.csv")
            try GB18030.encode(text).write(to: gb)
            let gbReport = try await importer.run(Registry.units, file: gb, by: .system())
            #expect(gbReport.status == .committed && gbReport.inserted == 9)
            let county = try await RecordStore(database: test.database).find(key: "360426", in: Registry.units, reach: .everywhere)
            #expect(county?.record["name"] == .text("德安县"))

            let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let xlsx = test.directory.appendingPathComponent("units.xlsx")
            try XLSXWriter.write(url: xlsx, sheetName: "units", rows: rows.map { row in row.map { $0 == "德安县" ? "德安县人民政府" : $0 } })
            let xlsxReport = try await importer.run(Registry.units, file: xlsx, by: .system())
            #expect(xlsxReport.status == .committed && xlsxReport.updated == 1 && xlsxReport.unchanged == 8)
        }
    }

    @Test func unitOfficersImportOnlyIntoTheirSubtree() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let importer = Self.importer(test)
            _ = try await importer.run(Registry.units, file: Fixtures.registry("units.csv"), by: .system())
            let officer = Principal(userID: 9, username: "officer", role: .unitOfficer, unitCode: "360426100")
            let report = try await importer.run(Registry.people, file: Fixtures.registry("people.csv"), by: officer)
            #expect(report.status == .rejected)
            #expect(Set(report.errors.map(\.line)) == [2, 3, 4, 7, 8])
            #expect(report.errors.allSatisfy { $0.code == "scope.denied" })
        }
    }
}
