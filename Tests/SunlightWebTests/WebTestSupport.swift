import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SunlightContract
import SunlightImport
import SunlightStorage
import SunlightTestSupport
import SunlightWeb
import Testing
import SunlightDomain

/// A browser-like client over HummingbirdTesting: keeps cookies, finds the CSRF token in pages.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf = ""
    var acceptLanguage: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    mutating func absorb(_ response: TestResponse) {
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]), cookieValue = String(pair[1])
            if cookieValue.isEmpty || value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = cookieValue }
        }
        let body = String(buffer: response.body)
        if let range = body.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) {
            let match = body[range]
            csrf = String(match.split(separator: "\"")[3])
        }
    }

    @discardableResult
    mutating func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        absorb(response)
        return response
    }

    @discardableResult
    mutating func post(_ uri: String, form: [String: String], includeCSRF: Bool = true) async throws -> TestResponse {
        var fields = form
        if includeCSRF { fields["_csrf"] = csrf }
        let body = fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    /// Signs in through the login form.
    @discardableResult
    mutating func login(_ username: String, _ password: String = "password-1234") async throws -> TestResponse {
        try await get("/login")
        return try await post("/login", form: ["username": username, "password": password])
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:] }
}

/// A check question from the public API, answered: the `challenge` member a report needs
/// (the fixture's portal accepts answers at once).
func publicChallenge(_ client: any TestClientProtocol) async throws -> [String: String] {
    let response = try await client.execute(uri: "/api/v1/public/challenge", method: .get, headers: [:], body: nil)
    let numbers = (response.json["question_en"] as? String ?? "").split { !$0.isNumber }.compactMap { Int($0) }
    return ["token": response.json["token"] as? String ?? "", "answer": String(numbers.prefix(2).reduce(0, +))]
}

/// A JSON object's text with an answered `challenge` member added first.
func withChallenge(_ body: String, _ client: any TestClientProtocol) async throws -> String {
    let challenge = try await publicChallenge(client)
    let member = #""challenge": {"token": "\#(challenge["token"]!)", "answer": "\#(challenge["answer"]!)"}"#
    let rest = body.drop { $0 != "{" }.dropFirst()
    return "{" + member + (rest.trimmingCharacters(in: .whitespaces).hasPrefix("}") ? "" : ", ") + rest
}

/// A web app over a fresh database holding the sample registry and one user per role.
struct WebFixture {
    let test: TestDatabase
    let router: Router<AppRequestContext>
    /// Bearer tokens per username.
    let tokens: [String: String]

    static let users: [(String, Role, String?)] = [
        ("admin", .admin, nil), ("inspector", .inspector, nil), ("auditor", .auditor, nil),
        ("officer", .unitOfficer, "360426100"), ("leader", .leader, nil), ("witness", .witness, nil),
    ]

    static func make(_ backend: TestBackend = .sqlite, seed: Bool = true, configuration: WebConfiguration? = nil,
                     adjust: (inout WebConfiguration) -> Void = { _ in }) async throws -> WebFixture {
        let test = try await TestDatabase.make(backend)
        let recorder = test.recorder
        let accounts = AccountStore(database: test.database, recorder: recorder, bcryptCost: 4)
        var tokens: [String: String] = [:]
        if seed {
            for dataset in Registry.all {
                let report = try await Importer(recorder: recorder).run(dataset, file: Fixtures.registry("\(dataset.name).csv"), by: .system())
                precondition(report.isWritten, "fixture \(dataset.name) did not import")
            }
            for (name, role, unit) in users {
                try await accounts.createUser(username: name, password: "password-1234", role: role, unitCode: unit, by: .system())
                tokens[name] = try await accounts.createToken(for: name, name: "test", by: .system())
            }
        }
        var defaults = WebConfiguration(maxUploadBytes: 1 << 20, bcryptCost: 4)
        defaults.reportDataDirectory = test.directory.appendingPathComponent("reports")
        defaults.receiptCost = .fast
        defaults.portalMinimumSeconds = 0
        adjust(&defaults)
        let router = try await SunlightApplication.router(ledger: test.ledger, configuration: configuration ?? defaults)
        return WebFixture(test: test, router: router, tokens: tokens)
    }

    func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: router)
        do {
            try await app.test(.router) { client in try await body(client) }
            await test.close()
        } catch {
            await test.close()
            throw error
        }
    }

    /// The id of a record by key, for building URLs.
    func id(_ dataset: Dataset, key: String) async throws -> Int64 {
        try await RecordStore(database: test.database).find(key: key, in: dataset, reach: .everywhere)!.id
    }
}

func bearer(_ token: String?, json: Bool = false) -> HTTPFields {
    var headers: HTTPFields = [.authorization: "Bearer \(token ?? "")"]
    if json { headers[.contentType] = "application/json" }
    return headers
}
