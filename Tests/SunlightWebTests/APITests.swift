import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SunlightContract
import SunlightStorage
import SunlightTestSupport
import SunlightWeb
import Testing

@Suite("JSON API")
struct APITests {
    @Test func responsesMatchTheOpenAPIDocument() async throws {
        let fixture = try await WebFixture.make()
        let token = fixture.tokens["admin"]
        try await fixture.run { client async throws in
            let documentResponse = try await client.execute(uri: "/api/v1/openapi.json", method: .get, headers: [:], body: nil)
            #expect(documentResponse.status == .ok)
            let document = documentResponse.json
            #expect(document["openapi"] as? String == "3.1.0")
            let validator = OpenAPIValidator(document: document)
            for dataset in Registry.all {
                let path = "/api/v1/\(dataset.pathSegment)"
                let list = try await client.execute(uri: path + "?per_page=100", method: .get, headers: bearer(token), body: nil)
                let listSchema = try #require(validator.schema(path: path, method: "get", status: 200))
                #expect(validator.check(list.json, against: listSchema).isEmpty, "\(dataset.name): \(validator.check(list.json, against: listSchema))")
                let items = list.json["items"] as? [[String: Any]] ?? []
                #expect(!items.isEmpty)
                let id = items[0]["id"] as! Int
                let one = try await client.execute(uri: "\(path)/\(id)", method: .get, headers: bearer(token), body: nil)
                let oneSchema = try #require(validator.schema(path: path + "/{id}", method: "get", status: 200))
                #expect(validator.check(one.json, against: oneSchema).isEmpty)
                let missing = try await client.execute(uri: "\(path)/999999", method: .get, headers: bearer(token), body: nil)
                #expect(missing.status == .notFound)
                let errorSchema = try #require(validator.schema(path: path + "/{id}", method: "get", status: 404))
                #expect(validator.check(missing.json, against: errorSchema).isEmpty)
            }
            let created = try await client.execute(
                uri: "/api/v1/companies", method: .post, headers: bearer(token, json: true),
                body: ByteBuffer(string: #"{"uscc": "91110000600037341l", "name": "北京某公司", "established": "2001/2/3", "status": "存续"}"#))
            #expect(created.status == .created)
            let createSchema = try #require(validator.schema(path: "/api/v1/companies", method: "post", status: 201))
            #expect(validator.check(created.json, against: createSchema).isEmpty)
            #expect(created.json["uscc"] as? String == "91110000600037341L" && created.json["established"] as? String == "2001-02-03")
            #expect(created.json["status"] as? String == "active")
        }
    }

    @Test func badInputGetsBilingualErrors() async throws {
        let fixture = try await WebFixture.make()
        let token = fixture.tokens["admin"]
        try await fixture.run { client async throws in
            let unknown = try await client.execute(uri: "/api/v1/people", method: .post, headers: bearer(token, json: true),
                                                   body: ByteBuffer(string: #"{"id_number": "11010519491231002X", "nmae": "x", "colour": 1}"#))
            #expect(unknown.status == .badRequest)
            let error = unknown.json["error"] as? [String: Any] ?? [:]
            #expect(error["code"] as? String == "fields.unknown")
            #expect((error["message_en"] as? String)?.contains("colour, nmae") == true)
            #expect((error["message_zh"] as? String)?.contains("nmae") == true)

            let invalid = try await client.execute(uri: "/api/v1/people", method: .post, headers: bearer(token, json: true),
                                                   body: ByteBuffer(string: #"{"id_number": "110105194912310021", "name": "x", "unit_code": "360426", "category": "x", "since": "2025-02-30"}"#))
            #expect(invalid.status == .unprocessableContent)
            let details = (invalid.json["error"] as? [String: Any])?["details"] as? [[String: Any]] ?? []
            #expect(Set(details.compactMap { $0["field"] as? String }) == ["id_number", "category", "since"])

            let notJSON = try await client.execute(uri: "/api/v1/units", method: .post, headers: bearer(token, json: true), body: ByteBuffer(string: "{oops"))
            #expect(notJSON.status == .badRequest)
            let duplicate = try await client.execute(uri: "/api/v1/units", method: .post, headers: bearer(token, json: true),
                                                     body: ByteBuffer(string: #"{"unit_code": "360426", "name": "重复", "kind": "government"}"#))
            #expect(duplicate.status == .conflict)
            let badFilter = try await client.execute(uri: "/api/v1/people?colour=red", method: .get, headers: bearer(token), body: nil)
            #expect(badFilter.status == .badRequest)
            let badPage = try await client.execute(uri: "/api/v1/people?per_page=100000", method: .get, headers: bearer(token), body: nil)
            #expect(badPage.status == .badRequest)
        }
    }

    @Test func listsPageSearchAndFilter() async throws {
        let fixture = try await WebFixture.make()
        let token = fixture.tokens["inspector"]
        try await fixture.run { client async throws in
            let page = try await client.execute(uri: "/api/v1/people?per_page=2&page=2", method: .get, headers: bearer(token), body: nil)
            #expect(page.json["total"] as? Int == 7 && (page.json["items"] as? [Any])?.count == 2 && page.json["page"] as? Int == 2)
            let byName = try await client.execute(uri: "/api/v1/people?q=%E7%8E%8B", method: .get, headers: bearer(token), body: nil)
            #expect((byName.json["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["王建国"])
            let byID = try await client.execute(uri: "/api/v1/people?q=360426197003", method: .get, headers: bearer(token), body: nil)
            #expect(byID.json["total"] as? Int == 0)
            let byPrefix = try await client.execute(uri: "/api/v1/people?q=3604261970", method: .get, headers: bearer(token), body: nil)
            #expect(byPrefix.json["total"] as? Int == 1)
            let filtered = try await client.execute(uri: "/api/v1/units?kind=village", method: .get, headers: bearer(token), body: nil)
            #expect(filtered.json["total"] as? Int == 3)
        }
    }

    @Test func importsThroughTheAPIAreAllOrNothing() async throws {
        let fixture = try await WebFixture.make(seed: true)
        let token = fixture.tokens["auditor"]
        try await fixture.run { client async throws in
            let bad = try Data(contentsOf: Fixtures.registry("people-bad.csv"))
            let rejected = try await client.execute(uri: "/api/v1/imports?dataset=people&file_name=people-bad.csv", method: .post,
                                                    headers: bearer(token), body: ByteBuffer(bytes: bad))
            #expect(rejected.status == .unprocessableContent)
            #expect(rejected.json["status"] as? String == "rejected")
            #expect((rejected.json["errors"] as? [[String: Any]])?.compactMap { $0["line"] as? Int } == [3, 4, 5, 6, 7])
            let id = rejected.json["import_id"] as? Int ?? 0
            let recorded = try await client.execute(uri: "/api/v1/imports/\(id)", method: .get, headers: bearer(token), body: nil)
            #expect(recorded.json["rejected_rows"] as? Int == 5)
            let good = try Data(contentsOf: Fixtures.registry("people.csv"))
            let accepted = try await client.execute(uri: "/api/v1/imports?dataset=people", method: .post, headers: bearer(token), body: ByteBuffer(bytes: good))
            #expect(accepted.status == .created && accepted.json["unchanged"] as? Int == 7)
        }
    }

    @Test func ocdsImportsThroughTheAPIForCountyWideRolesOnly() async throws {
        let fixture = try await WebFixture.make(seed: true)
        let tokens = fixture.tokens
        try await fixture.run { client async throws in
            let sample = try Data(contentsOf: Fixtures.ocdsSamples()[0])
            let accepted = try await client.execute(uri: "/api/v1/imports?dataset=ocds&file_name=sample.json", method: .post,
                                                    headers: bearer(tokens["auditor"]), body: ByteBuffer(bytes: sample))
            #expect(accepted.status == .created)
            #expect(accepted.json["dataset"] as? String == "ocds" && accepted.json["inserted"] as? Int == 1)
            let broken = try await client.execute(uri: "/api/v1/imports?dataset=ocds", method: .post, headers: bearer(tokens["auditor"]),
                                                  body: ByteBuffer(string: "{\"ocid\": \"x\"}\n{broken\n"))
            #expect(broken.status == .unprocessableContent)
            #expect(((broken.json["file_error"] as? [String: Any])?["line"] as? Int) == 2)
            for role in ["unit_officer", "witness"] {
                let refused = try await client.execute(uri: "/api/v1/imports?dataset=ocds", method: .post, headers: bearer(tokens[role]),
                                                       body: ByteBuffer(bytes: sample))
                #expect(refused.status == .forbidden, "\(role)")
            }
        }
    }

    @Test func oversizedUploadsGet413() async throws {
        let fixture = try await WebFixture.make(configuration: WebConfiguration(maxUploadBytes: 1024, bcryptCost: 4))
        let token = fixture.tokens["admin"]
        try await fixture.run { client async throws in
            let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: 4096)
            let response = try await client.execute(uri: "/api/v1/imports?dataset=units", method: .post, headers: bearer(token), body: big)
            #expect(response.status == .contentTooLarge)
            #expect(((response.json["error"] as? [String: Any])?["message_zh"] as? String)?.contains("太大") == true)
            let health = try await client.execute(uri: "/healthz", method: .get, headers: [:], body: nil)
            #expect(health.status == .ok)
        }
    }

    @Test func operationsEndpoints() async throws {
        // `/metrics` is not public: it needs the metrics token (or a loopback client, which a router test has not).
        var configuration = WebConfiguration(maxUploadBytes: 1 << 20, bcryptCost: 4)
        configuration.metricsToken = "metrics-token-for-tests"
        let fixture = try await WebFixture.make(seed: false, configuration: configuration)
        try await fixture.run { client async throws in
            let health = try await client.execute(uri: "/healthz", method: .get, headers: [:], body: nil)
            #expect(health.status == .ok && health.json["status"] as? String == "ok")
            _ = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
            // Refused and missing: counted with their own status (not as 500), and the error
            // answer carries the security headers too.
            let refused = try await client.execute(uri: "/api/v1/units", method: .get, headers: [:], body: nil)
            #expect(refused.status == .unauthorized && refused.headers[.contentSecurityPolicy] != nil)
            let missing = try await client.execute(uri: "/no-such-page", method: .get, headers: [:], body: nil)
            #expect(missing.status == .notFound && missing.headers[.contentSecurityPolicy] != nil)
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: bearer("metrics-token-for-tests"), body: nil)
            #expect(metrics.status == .ok && metrics.text.contains("hb_requests"))
            let counted = metrics.text.split(separator: "\n").filter { $0.hasPrefix("hb_requests{") }
            #expect(counted.contains { $0.contains("http_response_status_code=\"401\"") })
            #expect(counted.contains { $0.contains("http_response_status_code=\"404\"") })
            #expect(!counted.contains { $0.contains("/api/v1/units\"") && $0.contains("http_response_status_code=\"500\"") })
            let css = try await client.execute(uri: "/static/sunlight.css", method: .get, headers: [:], body: nil)
            #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
            let login = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
            #expect(login.text.contains("sunlight user add --username admin --role admin --password-stdin"))
            #expect(!login.text.contains("http://") && !login.text.contains("https://"))
        }
    }
}
