import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SunlightContract
import SunlightReports
import SunlightStorage
import SunlightTestSupport
import SunlightWeb
import Testing

/// What `scripts/schemathesis.sh` checks from outside, pinned here: a method a path does not
/// answer is 405 with `Allow` (API and pages), and the OpenAPI document says exactly what
/// the server accepts and answers.
@Suite("API conformance")
struct APIConformanceTests {
    @Test func undeclaredMethodsAnswer405WithAllow() async throws {
        let fixture = try await WebFixture.make()
        let token = fixture.tokens["admin"]
        try await fixture.run { client async throws in
            func call(_ method: HTTPRequest.Method, _ uri: String, _ headers: HTTPFields = [:]) async throws -> TestResponse {
                try await client.execute(uri: uri, method: method, headers: headers, body: nil)
            }
            // A path with routes, a method it has none for: 405, Allow, the usual bilingual error.
            let trace = try await call(.trace, "/api/v1/units", bearer(token))
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, POST")
            let error = trace.json["error"] as? [String: Any] ?? [:]
            #expect(error["code"] as? String == "method_not_allowed")
            #expect((error["message_zh"] as? String)?.contains("GET, POST") == true && (error["message_en"] as? String)?.isEmpty == false)
            let delete = try await call(.delete, "/api/v1/units/1", bearer(token))
            #expect(delete.status == .methodNotAllowed && delete.headers[.allow] == "GET, PATCH, PUT")
            // Before sign-in: the method is wrong whoever asks.
            let anonymous = try await call(.delete, "/api/v1/people")
            #expect(anonymous.status == .methodNotAllowed && anonymous.headers[.allow] == "GET, POST")
            // Import-only datasets are read here and written by imports only: GET alone is allowed,
            // also where a write route exists (POST, PUT and PATCH answer 405 from the handler).
            for (method, uri) in [(HTTPRequest.Method.trace, "/api/v1/deaths"), (.post, "/api/v1/deaths"), (.put, "/api/v1/bids/1"),
                                  (.patch, "/api/v1/bids/1"), (.delete, "/api/v1/bids/1")] {
                let refused = try await call(method, uri, bearer(token, json: true))
                #expect(refused.status == .methodNotAllowed && refused.headers[.allow] == "GET", "\(method) \(uri)")
            }
            // A literal route beside a capture: /api/v1/imports answers POST only.
            let imports = try await call(.get, "/api/v1/imports", bearer(token))
            #expect(imports.status == .methodNotAllowed && imports.headers[.allow] == "POST")
            // No such resource: 404 whatever the method.
            #expect(try await call(.trace, "/api/v1/no-such-dataset", bearer(token)).status == .notFound)
            #expect(try await call(.delete, "/api/v1/units/not-a-number", bearer(token)).status == .notFound)
            #expect(try await call(.put, "/api/v1/units/not-a-number", bearer(token, json: true)).status == .notFound)
            #expect(try await call(.options, "/no-such-page").status == .notFound)
            // Pages too: a page answered by GET alone, and one by GET and POST (before the CSRF check).
            let ledger = try await call(.delete, "/ledger")
            #expect(ledger.status == .methodNotAllowed && ledger.headers[.allow] == "GET")
            #expect(ledger.headers[.contentType]?.hasPrefix("text/html") == true)
            let login = try await call(.put, "/login")
            #expect(login.status == .methodNotAllowed && login.headers[.allow] == "GET, POST")
            // The routes themselves still answer.
            #expect(try await call(.get, "/api/v1/units", bearer(token)).status == .ok)
            #expect(try await call(.get, "/login").status == .ok)
        }
    }

    @Test func theDocumentStatesTheContractsLimits() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client async throws in
            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get, headers: [:], body: nil).json
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            let units = try #require(schemas["UnitsInput"] as? [String: Any])
            let properties = units["properties"] as? [String: Any] ?? [:]
            #expect(units["additionalProperties"] as? Bool == false)
            #expect(Set(units["required"] as? [String] ?? []) == ["unit_code", "name", "kind"])
            #expect((properties["name"] as? [String: Any])?["maxLength"] as? Int == Field.shortTextMaxLength)
            #expect((properties["unit_code"] as? [String: Any])?["maxLength"] as? Int == Field.codeMaxLength)
            let payments = try #require(schemas["Payments"] as? [String: Any])
            #expect(schemas["PaymentsInput"] == nil && (payments["properties"] as? [String: Any])?["purpose"] != nil)
            let report = try #require(schemas["PublicReportInput"] as? [String: Any])
            let text = (report["properties"] as? [String: Any])?["text"] as? [String: Any] ?? [:]
            #expect(text["maxLength"] as? Int == ReportSubmission.maxTextLength && text["minLength"] as? Int == ReportSubmission.minTextLength)
            #expect(Set(report["required"] as? [String] ?? []) == ["text", "subject", "challenge"])
            let paths = document["paths"] as? [String: Any] ?? [:]
            let list = ((paths["/api/v1/people"] as? [String: Any])?["get"] as? [String: Any]) ?? [:]
            let perPage = (list["parameters"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "per_page" }
            #expect((perPage?["schema"] as? [String: Any])?["maximum"] as? Int == Paging.maxPerPage)
            // Every write declares the statuses it can give.
            let create = ((paths["/api/v1/units"] as? [String: Any])?["post"] as? [String: Any])?["responses"] as? [String: Any] ?? [:]
            #expect(Set(create.keys) == ["201", "400", "401", "403", "409", "413", "422"])
            let patch = ((paths["/api/v1/units/{id}"] as? [String: Any])?["patch"] as? [String: Any])?["responses"] as? [String: Any] ?? [:]
            #expect(Set(patch.keys) == ["200", "400", "401", "403", "404", "409", "413", "422"])
        }
    }

    /// Where the document and the server once disagreed, the server's answer and the document's
    /// word side by side.
    @Test func theServerRefusesWhatTheDocumentDoesNotAllow() async throws {
        let fixture = try await WebFixture.make()
        let token = fixture.tokens["admin"]
        try await fixture.run { client async throws in
            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get, headers: [:], body: nil).json
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            func post(_ uri: String, _ body: String, headers: HTTPFields? = nil) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .post, headers: headers ?? bearer(token, json: true), body: ByteBuffer(string: body))
            }
            // A key that exists: 409 (a conflict with what is stored, not bad input), declared.
            let duplicate = try await post("/api/v1/units", #"{"unit_code": "360426", "name": "重复", "kind": "government"}"#)
            #expect(duplicate.status == .conflict && (duplicate.json["error"] as? [String: Any])?["code"] as? String == "conflict")
            // A unit that would be its own parent: 409 as well.
            let loop = try await post("/api/v1/units", #"{"unit_code": "LOOP1", "name": "循环", "kind": "department", "parent_code": "LOOP1"}"#)
            #expect(loop.status == .conflict)
            // Decimals are written out: a JSON number for share_pct is refused, and the document says string.
            let roles = (schemas["CompanyRolesInput"] as? [String: Any])?["properties"] as? [String: Any] ?? [:]
            let share = roles["share_pct"] as? [String: Any] ?? [:]
            let shareTypes = ((share["anyOf"] as? [[String: Any]]) ?? [share]).compactMap { $0["type"] as? String }
            #expect(!shareTypes.contains("number"))
            let number = try await post("/api/v1/company-roles",
                                        #"{"uscc": "91110000600037341L", "holder_uscc": "91110000600037341L", "role": "shareholder", "share_pct": 12.5}"#)
            #expect(number.status == .badRequest)
            // The public API refuses null and wrong types instead of reading them as empty.
            let public_: HTTPFields = [.contentType: "application/json"]
            let report = #"{"text": "这是一段足够长的举报内容。", "subject": {"name": "张三"}"#
            for extra in [#", "anonymous": null"#, #", "anonymous": 1"#, #", "contact": 5"#, #", "type": null"#] {
                let refused = try await post("/api/v1/public/reports", try await withChallenge(report + extra + "}", client), headers: public_)
                #expect(refused.status == .badRequest, "\(extra)")
            }
            let subjectless = try await post("/api/v1/public/reports",
                                             try await withChallenge(#"{"text": "这是一段足够长的举报内容。", "subject": {"name": 7, "unit": "某局"}}"#, client),
                                             headers: public_)
            #expect(subjectless.status == .badRequest)
            #expect(try await post("/api/v1/public/reports", try await withChallenge(report + "}", client), headers: public_).status == .created)
            // An unknown field: refused, and absent from what the document allows.
            let unknown = try await post("/api/v1/public/reports", report + #", "colour": "red"}"#, headers: public_)
            #expect(unknown.status == .badRequest)
            let input = schemas["PublicReportInput"] as? [String: Any] ?? [:]
            #expect(input["additionalProperties"] as? Bool == false && (input["properties"] as? [String: Any])?["colour"] == nil)
            // A ledger proof beyond the ledger: no such proof (404), as declared.
            let beyond = try await client.execute(uri: "/api/v1/ledger/proof/inclusion?index=100000", method: .get, headers: bearer(token), body: nil)
            #expect(beyond.status == .notFound)
            // An optional whole number that is not one is refused, not read as absent; so is a parameter given twice.
            for uri in ["/api/v1/ledger/proof/consistency?from=1&to=abc", "/api/v1/ledger/proof/inclusion?index=0&size=1&size=2",
                        "/api/v1/people?per_page=10&per_page=x", "/api/v1/units?kind=village&kind=township"] {
                let refused = try await client.execute(uri: uri, method: .get, headers: bearer(token), body: nil)
                #expect(refused.status == .badRequest, "\(uri)")
            }
            // skip_invalid is a boolean, not any text.
            let skip = try await client.execute(uri: "/api/v1/imports?dataset=units&skip_invalid=maybe", method: .post, headers: bearer(token),
                                                body: ByteBuffer(string: "单位编码,单位名称,类型\n"))
            #expect(skip.status == .badRequest)
        }
    }

    /// `serve --demo --api-fuzzing` multiplies the portal's limits (`portalLimitScale`); the
    /// default keeps the production limit.
    @Test func portalLimitScaleMultipliesTheLimits() async throws {
        for scale in [1, 2] {
            var configuration = WebConfiguration(maxUploadBytes: 1 << 20, bcryptCost: 4)
            configuration.receiptCost = .fast
            configuration.portalLimitScale = scale
            let fixture = try await WebFixture.make(seed: false, configuration: configuration)
            try await fixture.run { client async throws in
                var statuses: [HTTPResponse.Status] = []
                for _ in 0..<(2 * 30 + 1) {
                    statuses.append(try await client.execute(uri: "/api/v1/public/reports/0000-0000-0000-0000", method: .get,
                                                             headers: [:], body: nil).status)
                }
                #expect(statuses.prefix(30 * scale).allSatisfy { $0 == .notFound }, "scale \(scale)")
                #expect(statuses.dropFirst(30 * scale).allSatisfy { $0 == .tooManyRequests }, "scale \(scale)")
            }
        }
    }
}
