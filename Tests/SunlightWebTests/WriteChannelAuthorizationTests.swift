import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SunlightContract
import SunlightStorage
import SunlightTabular
import SunlightTestSupport
import SunlightWeb
import Testing
import SunlightDomain

/// Issue 18: authorization over every write path, generated. For each role × write channel
/// (form, API, CSV and XLSX import through the API, the web upload page) × registry dataset ×
/// {a row of the officer's own unit, a row of another unit taken over, a unit re-parented under
/// the officer}, the *stored row* is checked after the attempt — not only the status code. The
/// import path once checked only the new row, and a two-line file gave a township the county.
@Suite("Write channels × roles × rows: the state left behind")
struct WriteChannelAuthorizationTests {
    enum Channel: String, CaseIterable, Sendable {
        case form, api, csvImport, xlsxImport, webUpload
        var operation: RegistryOperation { self == .form || self == .api ? .write : .importFile }
    }

    /// One attempted write: the record as it should be stored after, and the field that tells.
    struct Attempt: Sendable {
        let label: String
        let dataset: Dataset
        let values: [String: String]
        let probe: String
        /// Whether the row lies within 蒲亭镇 (the officer's unit) before and after.
        let withinOfficersReach: Bool
        var key: String {
            var record = Record()
            for (name, value) in values { record[name] = .text(value) }
            return record.key(in: dataset)
        }
    }

    static let attempts: [Attempt] = [
        Attempt(label: "own unit renamed", dataset: Registry.units,
                values: ["unit_code": "360426100201", "name": "八里村（更名）", "parent_code": "360426100", "kind": "village"],
                probe: "name", withinOfficersReach: true),
        Attempt(label: "another township re-parented under the officer", dataset: Registry.units,
                values: ["unit_code": "360426200", "name": "丰林镇", "parent_code": "360426100", "kind": "township"],
                probe: "parent_code", withinOfficersReach: false),
        Attempt(label: "own village moved out to another township", dataset: Registry.units,
                values: ["unit_code": "360426100202", "name": "城门村", "parent_code": "360426200", "kind": "village"],
                probe: "parent_code", withinOfficersReach: false),
        Attempt(label: "own person's post", dataset: Registry.people,
                values: ["id_number": "360426197001010040", "name": "刘德华", "unit_code": "360426100201", "post": "村主任", "category": "village_cadre"],
                probe: "post", withinOfficersReach: true),
        Attempt(label: "a county bureau's person moved in", dataset: Registry.people,
                values: ["id_number": "360426197503120012", "name": "王建国", "unit_code": "360426100201", "post": "村民", "category": "civil_servant"],
                probe: "unit_code", withinOfficersReach: false),
        Attempt(label: "another village's household moved in", dataset: Registry.households,
                values: ["household_id": "H0002", "id_number": "360426196502200067", "name": "赵明", "relation_to_head": "户主", "village_code": "360426100201"],
                probe: "village_code", withinOfficersReach: false),
        Attempt(label: "a relative of another unit's person renamed", dataset: Registry.relatives,
                values: ["id_number": "360426197503120012", "relative_id_number": "360426197804200083", "relative_name": "改名", "relation": "spouse"],
                probe: "relative_name", withinOfficersReach: false),
    ]

    /// Whether `role` writing through `channel` should leave `attempt` stored.
    static func applies(_ role: Role, _ channel: Channel, _ attempt: Attempt) -> Bool {
        guard AccessPolicy.allows(role, channel.operation, on: attempt.dataset) else { return false }
        switch AccessPolicy.reach(of: role, unitCode: WebFixture.users.first { $0.1 == role }?.2) {
        case .everywhere: return true
        case .subtree: return attempt.withinOfficersReach
        case .nowhere: return false
        }
    }

    static let cases: [(Role, Channel)] = Role.allCases.flatMap { role in Channel.allCases.map { (role, $0) } }

    @Test(arguments: cases)
    func everyWriteLeavesOnlyWhatTheRoleMayWrite(_ role: Role, _ channel: Channel) async throws {
        let fixture = try await WebFixture.make()
        let username = WebFixture.users.first { $0.1 == role }!.0
        let token = fixture.tokens[username]
        var ids: [String: Int64] = [:]
        for attempt in Self.attempts { ids[attempt.label] = try await fixture.id(attempt.dataset, key: attempt.key) }
        let database = fixture.test.database
        let before = try await Self.stored(database)
        let rowIDs = ids
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.login(username)
            for attempt in Self.attempts {
                let id = rowIDs[attempt.label]!
                let segment = attempt.dataset.pathSegment
                switch channel {
                case .form:
                    try await browser.get("/registry/\(segment)/\(id)/edit")
                    try await browser.post("/registry/\(segment)/\(id)", form: attempt.values)
                case .api:
                    let body = try JSONSerialization.data(withJSONObject: attempt.values)
                    _ = try await client.execute(uri: "/api/v1/\(segment)/\(id)", method: .patch, headers: bearer(token, json: true),
                                                 body: ByteBuffer(bytes: body))
                case .csvImport:
                    _ = try await client.execute(uri: "/api/v1/imports?dataset=\(attempt.dataset.name)", method: .post, headers: bearer(token),
                                                 body: ByteBuffer(string: Self.csv(attempt)))
                case .xlsxImport:
                    _ = try await client.execute(uri: "/api/v1/imports?dataset=\(attempt.dataset.name)&file_name=x.xlsx", method: .post,
                                                 headers: bearer(token), body: ByteBuffer(bytes: try Self.xlsx(attempt)))
                case .webUpload:
                    try await browser.get("/imports")
                    let boundary = "----sunlight-write-channels"
                    var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.csrf)\r\n"
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"dataset\"\r\n\r\n\(attempt.dataset.name)\r\n"
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rows.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                    body += Self.csv(attempt) + "\r\n--\(boundary)--\r\n"
                    let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader]
                    _ = try await client.execute(uri: "/imports?_csrf=\(browser.csrf)", method: .post, headers: headers, body: ByteBuffer(string: body))
                }
            }
            // Read before `run` closes the database.
            let after = try await Self.stored(database)
            for attempt in Self.attempts {
                let wanted = attempt.values[attempt.probe]
                if Self.applies(role, channel, attempt) {
                    #expect(after[attempt.label] == wanted, "\(role) \(channel) \(attempt.label): not applied")
                } else {
                    #expect(after[attempt.label] == before[attempt.label],
                            "\(role) \(channel) \(attempt.label): changed to \(after[attempt.label] ?? "nil")")
                }
            }
        }
    }

    static func stored(_ database: SunlightDatabase) async throws -> [String: String] {
        var values: [String: String] = [:]
        let store = RecordStore(database: database)
        for attempt in attempts {
            values[attempt.label] = try await store.find(key: attempt.key, in: attempt.dataset, reach: .everywhere)?.record[attempt.probe].text ?? ""
        }
        return values
    }

    static func csv(_ attempt: Attempt) -> String {
        let names = attempt.dataset.fields.map(\.name).filter { attempt.values[$0] != nil }
        return names.joined(separator: ",") + "\n" + names.map { attempt.values[$0]! }.joined(separator: ",") + "\n"
    }

    static func xlsx(_ attempt: Attempt) throws -> Data {
        let names = attempt.dataset.fields.map(\.name).filter { attempt.values[$0] != nil }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("channels-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try XLSXWriter.write(url: url, sheetName: attempt.dataset.name, rows: [names, names.map { attempt.values[$0]! }])
        return try Data(contentsOf: url)
    }
}
