import SunlightStorage
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SunlightContract
import SunlightTestSupport
import SunlightWeb
import Testing
import SunlightDomain

/// Every role × every registry route and API operation: allowed or denied, asserted.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Expect: Equatable { case allowed, denied }

    static func expected(_ role: Role, _ operation: RegistryOperation, _ dataset: Dataset) -> Expect {
        AccessPolicy.allows(role, operation, on: dataset) ? .allowed : .denied
    }

    static func sample(_ dataset: Dataset) -> [String: Any] {
        switch dataset.name {
        case "units": return ["unit_code": "360426100299", "name": "新村", "parent_code": "360426100", "kind": "village"]
        case "people": return ["id_number": "11010519491231002X", "name": "新人", "unit_code": "360426100", "category": "civil_servant"]
        case "relatives": return ["id_number": "360426198808080056", "relative_id_number": "11010519491231002X", "relation": "spouse"]
        case "households": return ["household_id": "H9", "id_number": "11010519491231002X", "village_code": "360426100201"]
        case "companies": return ["uscc": "91110000600037341L", "name": "新公司"]
        default: return ["uscc": "91110000600037341L", "holder_uscc": "91350100M000100Y43", "role": "shareholder"]
        }
    }

    @Test(arguments: Role.allCases)
    func everyRoleOnEveryRegistryRouteAndOperation(_ role: Role) async throws {
        let fixture = try await WebFixture.make()
        let username = WebFixture.users.first { $0.1 == role }!.0
        let token = fixture.tokens[username]
        var firstIDs: [String: Int64] = [:]
        for dataset in Registry.all { firstIDs[dataset.name] = try await firstID(fixture, dataset) }
        let ids = firstIDs
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.login(username)
            for dataset in Registry.all {
                let segment = dataset.pathSegment
                let read = Self.expected(role, .read, dataset)
                let write = Self.expected(role, .write, dataset)
                let importing = Self.expected(role, .importFile, dataset)

                // Pages.
                let list = try await browser.get("/registry/\(segment)")
                #expect((list.status == .ok ? Expect.allowed : .denied) == read, "\(role) list page \(dataset.name): \(list.status)")
                let newForm = try await browser.get("/registry/\(segment)/new")
                #expect((newForm.status == .ok ? Expect.allowed : .denied) == write, "\(role) new form \(dataset.name)")

                // API.
                let apiList = try await client.execute(uri: "/api/v1/\(segment)", method: .get, headers: bearer(token), body: nil)
                #expect((apiList.status == .ok ? Expect.allowed : .denied) == read, "\(role) API list \(dataset.name): \(apiList.status)")
                #expect(apiList.status == .ok || apiList.status == .forbidden)
                let body = try JSONSerialization.data(withJSONObject: Self.sample(dataset))
                let create = try await client.execute(uri: "/api/v1/\(segment)", method: .post, headers: bearer(token, json: true),
                                                      body: ByteBuffer(bytes: body))
                if write == .denied {
                    #expect(create.status == .forbidden, "\(role) API create \(dataset.name): \(create.status)")
                } else {
                    #expect(create.status != .forbidden || role == .unitOfficer, "\(role) API create \(dataset.name): \(create.status) \(create.text)")
                }
                let get = try await client.execute(uri: "/api/v1/\(segment)/\(ids[dataset.name]!)", method: .get, headers: bearer(token), body: nil)
                if read == .denied { #expect(get.status == .forbidden) }
                let put = try await client.execute(uri: "/api/v1/\(segment)/\(ids[dataset.name]!)", method: .patch,
                                                   headers: bearer(token, json: true), body: ByteBuffer(string: "{}"))
                if write == .denied { #expect(put.status == .forbidden, "\(role) API patch \(dataset.name): \(put.status)") }
                let upload = try await client.execute(uri: "/api/v1/imports?dataset=\(dataset.name)", method: .post,
                                                      headers: bearer(token), body: ByteBuffer(string: "x\n"))
                if importing == .denied {
                    #expect(upload.status == .forbidden, "\(role) API import \(dataset.name): \(upload.status)")
                } else {
                    #expect(upload.status == .unprocessableContent, "\(role) API import \(dataset.name): \(upload.status)")
                }
            }
            let checkpoint = try await client.execute(uri: "/api/v1/ledger/checkpoint", method: .get, headers: bearer(token), body: nil)
            #expect((checkpoint.status == .ok) == AccessPolicy.readsLedger(role), "\(role) ledger checkpoint: \(checkpoint.status)")
            let ledgerPage = try await browser.get("/ledger")
            #expect((ledgerPage.status == .ok) == AccessPolicy.readsLedger(role))
            try await browser.get("/")
            let verify = try await browser.post("/ledger/verify", form: [:])
            #expect((verify.status == .ok) == AccessPolicy.operatesLedger(role), "\(role) verify: \(verify.status)")
            let users = try await browser.get("/admin/users")
            #expect((users.status == .ok) == (role == .admin))
            let noToken = try await client.execute(uri: "/api/v1/people", method: .get, headers: [:], body: nil)
            #expect(noToken.status == .unauthorized)
            let badToken = try await client.execute(uri: "/api/v1/people", method: .get, headers: bearer("sl_nope"), body: nil)
            #expect(badToken.status == .unauthorized)
        }
    }

    @Test func unitOfficersSeeAndEditOnlyTheirSubtree() async throws {
        let fixture = try await WebFixture.make()
        let village = try await fixture.id(Registry.units, key: "360426100201")
        let otherTownship = try await fixture.id(Registry.units, key: "360426200")
        let finance = try await fixture.id(Registry.units, key: "360426002")
        let token = fixture.tokens["officer"]
        try await fixture.run { client async throws in
            let own = try await client.execute(uri: "/api/v1/units/\(village)", method: .get, headers: bearer(token), body: nil)
            #expect(own.status == .ok)
            let other = try await client.execute(uri: "/api/v1/units/\(otherTownship)", method: .get, headers: bearer(token), body: nil)
            #expect(other.status == .notFound)
            let people = try await client.execute(uri: "/api/v1/people", method: .get, headers: bearer(token), body: nil)
            let names = (people.json["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }.sorted()
            #expect(names == ["刘德华", "陈静"])
            // Creating a person in another unit is refused; in their own township it works.
            let outside = try JSONSerialization.data(withJSONObject: ["id_number": "11010519491231002X", "name": "越权", "unit_code": "360426002", "category": "other"])
            let refused = try await client.execute(uri: "/api/v1/people", method: .post, headers: bearer(token, json: true), body: ByteBuffer(bytes: outside))
            #expect(refused.status == .forbidden)
            let insideBody = try JSONSerialization.data(withJSONObject: ["id_number": "11010519491231002X", "name": "本镇", "unit_code": "360426100", "category": "other"])
            let created = try await client.execute(uri: "/api/v1/people", method: .post, headers: bearer(token, json: true), body: ByteBuffer(bytes: insideBody))
            #expect(created.status == .created)
            // Moving their unit's record out of reach is refused.
            let move = try await client.execute(uri: "/api/v1/units/\(village)", method: .patch, headers: bearer(token, json: true),
                                                body: ByteBuffer(string: #"{"parent_code": "360426200"}"#))
            #expect(move.status == .forbidden)
            var browser = Browser(client)
            try await browser.login("officer")
            #expect(try await browser.get("/registry/units/\(finance)").status == .notFound)
            #expect(try await browser.get("/registry/units/\(village)").status == .ok)
        }
    }
}

private func firstID(_ fixture: WebFixture, _ dataset: Dataset) async throws -> Int64 {
    let page = try await RecordStore(database: fixture.test.database).list(dataset, query: .init(perPage: 1), reach: .everywhere)
    return page.items[0].id
}
