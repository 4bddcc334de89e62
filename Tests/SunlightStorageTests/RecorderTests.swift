import SQLKit
import SunlightContract
import SunlightStorage
import SunlightTestSupport
import Testing

@Suite("The one write path records every change")
struct RecorderTests {
    static func unit(_ code: String, _ name: String, parent: String? = nil, kind: String = "department") -> Record {
        var record = Record()
        record["unit_code"] = .text(code)
        record["name"] = .text(name)
        record["parent_code"] = parent.map(FieldValue.text) ?? .null
        record["kind"] = .text(kind)
        return record
    }

    static func changeCount(_ db: SunlightDatabase, action: String? = nil) async throws -> Int {
        try await db.withConnection { sql in
            var select = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("ledger_entries")
            if let action { select = select.where("action", .equal, action) }
            return try await select.first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test(arguments: TestBackend.available)
    func insertUpdateUnchangedAreDistinguished(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let recorder = test.recorder
            let first = try await recorder.write(by: .system()) { tx in
                try await tx.save([Self.unit("A", "县政府", kind: "government"), Self.unit("B", "财政局", parent: "A")], in: Registry.units)
            }
            #expect(first.map { if case .inserted = $0 { true } else { false } } == [true, true])
            let second = try await recorder.write(by: .system()) { tx in
                try await tx.save([Self.unit("A", "县政府", kind: "government"), Self.unit("B", "县财政局", parent: "A")], in: Registry.units)
            }
            #expect(second[0] == .unchanged(id: first[0].id))
            #expect(second[1] == .updated(id: first[1].id))
            #expect(try await Self.changeCount(test.database, action: "create") == 2)
            #expect(try await Self.changeCount(test.database, action: "update") == 1)
            let history = try await RecordStore(database: test.database).history(of: Registry.units, id: first[1].id)
            #expect(history.count == 2)
            #expect(history[0].action == .update && history[0].hashBefore == history[1].hashAfter && history[0].hashAfter != history[0].hashBefore)
        }
    }

    @Test(arguments: TestBackend.available)
    func aFailedTransactionLeavesNothing(_ backend: TestBackend) async throws {
        struct Boom: Error {}
        try await TestDatabase.with(backend) { test async throws in
            let recorder = test.recorder
            await #expect(throws: Boom.self) {
                try await recorder.write(by: .system()) { tx in
                    try await tx.save([Self.unit("A", "县政府", kind: "government")], in: Registry.units)
                    throw Boom()
                }
            }
            #expect(try await RecordStore(database: test.database).count(Registry.units) == 0)
            #expect(try await Self.changeCount(test.database) == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func editAndDeleteAreRecordedWithHashes(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let recorder = test.recorder
            let id = try await recorder.write(by: .system()) { tx in try await tx.save([Self.unit("A", "县政府", kind: "government")], in: Registry.units) }[0].id
            _ = try await recorder.write(by: .system("alice")) { tx in try await tx.update(id: id, with: Self.unit("A", "德安县人民政府", kind: "government"), in: Registry.units) }
            try await recorder.write(by: .system("bob")) { tx in try await tx.delete(id: id, in: Registry.units) }
            let history = try await RecordStore(database: test.database).history(of: Registry.units, id: id)
            #expect(history.map(\.action) == [.delete, .update, .create])
            #expect(history.map(\.actor) == ["bob", "alice", "system"])
            #expect(history[0].hashAfter == nil && history[0].hashBefore == history[1].hashAfter)
        }
    }

    @Test(arguments: TestBackend.available)
    func migrationsAreRecordedAndIdempotent(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let migrator = Migrator(database: test.database)
            #expect(try await migrator.migrate().isEmpty)
            #expect(try await migrator.appliedVersions() == Set(SchemaMigrations.all.map(\.version)))
        }
    }
}

@Suite("Unit-scoped reads")
struct ScopeTests {
    @Test(arguments: TestBackend.available)
    func unitOfficersSeeTheirSubtreeOnly(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let recorder = test.recorder
            try await recorder.write(by: .system()) { tx in
                try await tx.save([
                    RecorderTests.unit("C", "县", kind: "government"), RecorderTests.unit("T1", "甲镇", parent: "C", kind: "township"),
                    RecorderTests.unit("V1", "一村", parent: "T1", kind: "village"), RecorderTests.unit("T2", "乙镇", parent: "C", kind: "township"),
                ], in: Registry.units)
                var person = Record()
                person["id_number"] = .text("11010519491231002X")
                person["name"] = .text("张三")
                person["unit_code"] = .text("V1")
                person["category"] = .text("village_cadre")
                var other = person
                other["id_number"] = .text("360426199101010071")
                other["unit_code"] = .text("T2")
                try await tx.save([person, other], in: Registry.people)
            }
            let store = RecordStore(database: test.database)
            let units = try await store.list(Registry.units, query: RecordQuery(), reach: .subtree("T1"))
            #expect(Set(units.items.compactMap { $0.record["unit_code"].text }) == ["T1", "V1"])
            let people = try await store.list(Registry.people, query: RecordQuery(), reach: .subtree("T1"))
            #expect(people.items.map { $0.record["name"].text } == ["张三"])
            #expect(try await store.list(Registry.people, query: RecordQuery(), reach: .everywhere).total == 2)
            #expect(try await store.list(Registry.people, query: RecordQuery(), reach: .nowhere).total == 0)
            var outside = Record()
            outside["id_number"] = .text("110105194912310021")
            outside["unit_code"] = .text("T2")
            let outsideRecord = outside
            var inside = outside
            inside["unit_code"] = .text("V1")
            let insideRecord = inside
            let decisions = try await test.database.withConnection { db in
                let reachGuard = try await ReachGuard.load(for: Registry.people, reach: .subtree("T1"), on: db)
                return try await reachGuard.check([outsideRecord, insideRecord],
                                                  keys: [outsideRecord, insideRecord].map { $0.key(in: Registry.people) }, on: db)
            }
            #expect(decisions == [.outOfReach, nil])
            let search = try await store.list(Registry.people, query: RecordQuery(search: "3604261991"), reach: .everywhere)
            #expect(search.total == 1)
        }
    }
}
