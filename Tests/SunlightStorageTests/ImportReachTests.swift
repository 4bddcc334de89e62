import Foundation
import SQLKit
import SunlightContract
import SunlightImport
import SunlightStorage
import SunlightTestSupport
import Testing

/// Issue 18, finding 1: a unit officer must not widen their reach by import. Every test checks
/// the rows the import leaves behind, not only the report.
@Suite("Imports check the stored row's reach and the unit tree")
struct ImportReachTests {
    /// 蒲亭镇 (360426100) with its villages 八里村 and 城门村; 丰林镇 (360426200) is another township.
    static let officer = Principal(userID: 9, username: "officer", role: .unitOfficer, unitCode: "360426100")

    static func seeded(_ test: TestDatabase) async throws -> Importer {
        let importer = Importer(recorder: test.recorder)
        for dataset in [Registry.units, Registry.people, Registry.relatives, Registry.households] {
            let report = try await importer.run(dataset, file: Fixtures.registry("\(dataset.name).csv"), by: .system())
            #expect(report.status == .committed)
        }
        return importer
    }

    static func parent(of code: String, _ test: TestDatabase) async throws -> String? {
        try await RecordStore(database: test.database).find(key: code, in: Registry.units, reach: .everywhere)?.record["parent_code"].text
    }

    static func field(_ name: String, key: String, in dataset: Dataset, _ test: TestDatabase) async throws -> String? {
        try await RecordStore(database: test.database).find(key: key, in: dataset, reach: .everywhere)?.record[name].text
    }

    @Test(arguments: TestBackend.available)
    func anotherTownshipCannotBeReparentedUnderTheOfficer(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let importer = try await Self.seeded(test)
            let file = try ImportTests.write("""
                unit_code,name,parent_code,kind
                360426200,丰林镇,360426100,township
                360426,德安县,360426100,government
                """, "takeover.csv", in: test)
            let report = try await importer.run(Registry.units, file: file, by: Self.officer)
            #expect(report.status == .rejected)
            #expect(report.errors.map(\.line) == [2, 3])
            #expect(report.errors.map(\.code) == ["scope.stored_denied", "unit.cycle"])
            #expect(try await Self.parent(of: "360426200", test) == "360426")
            #expect(try await Self.parent(of: "360426", test) == nil)
            let visible = try await RecordStore(database: test.database).list(Registry.units, query: RecordQuery(), reach: Self.officer.reach)
            #expect(visible.total == 3, "蒲亭镇 and its two villages, nothing more")
        }
    }

    @Test(arguments: TestBackend.available)
    func peopleAndHouseholdsOfOtherUnitsCannotBeTakenOver(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let importer = try await Self.seeded(test)
            // 王建国 works at the county finance bureau (360426002).
            let people = try ImportTests.write("""
                id_number,name,unit_code,post,category
                360426197503120012,王建国,360426100201,村民,village_cadre
                """, "people.csv", in: test)
            let report = try await importer.run(Registry.people, file: people, by: Self.officer)
            #expect(report.status == .rejected)
            #expect(report.errors.map(\.code) == ["scope.stored_denied"])
            #expect(try await Self.field("unit_code", key: "360426197503120012", in: Registry.people, test) == "360426002")
            #expect(try await Self.field("post", key: "360426197503120012", in: Registry.people, test) == "局长")

            // A household of 丰林村 (another township's village) moved into 八里村.
            let stored = try await RecordStore(database: test.database).list(Registry.households, query: RecordQuery(filters: ["village_code": "360426200201"]), reach: .everywhere)
            let victim = try #require(stored.items.first?.record)
            let households = try ImportTests.write("""
                household_id,id_number,name,village_code
                \(victim["household_id"].text ?? ""),\(victim["id_number"].text ?? ""),改名,360426100201
                """, "households.csv", in: test)
            let second = try await importer.run(Registry.households, file: households, by: Self.officer)
            #expect(second.status == .rejected)
            #expect(second.errors.map(\.code) == ["scope.stored_denied"])
            let after = try await RecordStore(database: test.database).find(key: victim.key(in: Registry.households), in: Registry.households, reach: .everywhere)
            #expect(after?.record["village_code"].text == "360426200201")
            #expect(after?.record["name"].text == victim["name"].text)
        }
    }

    @Test(arguments: TestBackend.available)
    func relativesFollowTheirPersonsUnit(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let importer = try await Self.seeded(test)
            // 王建国 (county finance) is out of reach; 刘德华 (八里村) is within it.
            let file = try ImportTests.write("""
                id_number,relative_id_number,relative_name,relation
                360426197503120012,360426197804200083,改名,配偶
                360426197001010040,360426197804200083,孙丽,配偶
                """, "relatives.csv", in: test)
            let report = try await importer.run(Registry.relatives, file: file, by: Self.officer)
            #expect(report.errors.map(\.line) == [2])
            #expect(report.errors.map(\.code) == ["scope.stored_denied"])
            #expect(report.status == .rejected)
            #expect(try await Self.field("relative_name", key: "360426197503120012|360426197804200083", in: Registry.relatives, test) == "孙丽")
        }
    }

    @Test(arguments: TestBackend.available)
    func aFileMayCreateAUnitThenItsChildAndMoveUnitsWithinReach(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let importer = try await Self.seeded(test)
            let file = try ImportTests.write("""
                unit_code,name,parent_code,kind
                360426100203,新建村,360426100,village
                360426100203001,新建组,360426100203,village
                360426100202,城门村,360426100203,village
                """, "units.csv", in: test)
            let report = try await importer.run(Registry.units, file: file, by: Self.officer)
            #expect(report.status == .committed, "\(report.errors.map(\.reportLine))")
            #expect(report.inserted == 2 && report.updated == 1)
            #expect(try await Self.parent(of: "360426100203001", test) == "360426100203")
            #expect(try await Self.parent(of: "360426100202", test) == "360426100203")
        }
    }

    @Test(arguments: TestBackend.available)
    func cyclesAndMovingOnesOwnUnitAreRefused(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let importer = try await Self.seeded(test)
            // Even an administrator cannot hang a township under its own village.
            let cycle = try ImportTests.write("unit_code,name,parent_code,kind\n360426100,蒲亭镇,360426100201,township\n360426002,县财政局,360426002,department\n",
                                              "cycle.csv", in: test)
            let report = try await importer.run(Registry.units, file: cycle, by: .system())
            #expect(report.errors.map(\.code) == ["unit.cycle", "unit.cycle"])
            #expect(try await Self.parent(of: "360426100", test) == "360426")
            #expect(try await Self.parent(of: "360426002", test) == "360426")
            // An officer may rename their own unit but not move it.
            let moved = try ImportTests.write("unit_code,name,parent_code,kind\n360426100,蒲亭镇,360426002,township\n", "moved.csv", in: test)
            let second = try await importer.run(Registry.units, file: moved, by: Self.officer)
            #expect(second.errors.map(\.code) == ["scope.own_unit_moved"])
            #expect(try await Self.parent(of: "360426100", test) == "360426")
            let renamed = try ImportTests.write("unit_code,name,parent_code,kind\n360426100,蒲亭镇人民政府,360426,township\n", "renamed.csv", in: test)
            #expect(try await importer.run(Registry.units, file: renamed, by: Self.officer).status == .committed)
        }
    }
}
