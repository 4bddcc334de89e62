import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SunlightContract
import SunlightStorage
import SunlightTestSupport
import SunlightWeb
import Testing

@Suite("Registry pages")
struct RegistryPageTests {
    @Test func buildUnitsAndSeeTheTreeAndHistory() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.login("admin")
            try await browser.get("/registry/units/new")
            let invalid = try await browser.post("/registry/units", form: ["unit_code": "360426300", "name": "", "kind": "镇", "parent_code": "360426"])
            #expect(invalid.status == .unprocessableContent && invalid.text.contains("必填项为空") && invalid.text.contains("aria-invalid"))
            let created = try await browser.post("/registry/units", form: ["unit_code": "360426300", "name": "高塘乡", "kind": "乡镇街道", "parent_code": "360426"])
            #expect(created.status == .seeOther)
            let location = created.headers[.location] ?? ""
            let page = try await browser.get(location)
            #expect(page.text.contains("高塘乡") && page.text.contains("乡镇街道"))
            // The history names the change in words, never the ledger's action code.
            #expect(page.text.contains("<td>新增</td>") && !page.text.contains(">create<"), "\(page.text)")
            let tree = try await browser.get("/units")
            #expect(tree.text.contains("高塘乡") && tree.text.contains("八里村"))
            let id = location.split(separator: "/").last!.split(separator: "?").first!
            try await browser.get("/registry/units/\(id)/edit")
            let edited = try await browser.post("/registry/units/\(id)", form: ["unit_code": "360426300", "name": "高塘乡人民政府", "kind": "township", "parent_code": "360426"])
            #expect(edited.status == .seeOther)
            let after = try await browser.get("/registry/units/\(id)")
            #expect(after.text.contains("高塘乡人民政府") && after.text.contains("<td>修改</td>") && !after.text.contains(">update<"))
            let confirm = try await browser.get("/registry/units/\(id)/delete")
            #expect(confirm.status == .ok && confirm.text.contains("确定删除"))
            let deleted = try await browser.post("/registry/units/\(id)/delete", form: [:])
            #expect(deleted.status == .seeOther)
            #expect(try await browser.get("/registry/units/\(id)").status == .notFound)
        }
    }

    /// Issue 18 (noticed on the walk): renaming a unit's code orphaned its children and people,
    /// and deleting a unit with children did the same. Both are refused; the stored tree stays.
    @Test func aUnitsCodeCannotChangeAndAUnitInUseCannotBeDeleted() async throws {
        let fixture = try await WebFixture.make()
        let township = try await fixture.id(Registry.units, key: "360426100")
        let database = fixture.test.database
        let tokens = fixture.tokens
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.login("admin")
            try await browser.get("/registry/units/\(township)/edit")
            let renamed = try await browser.post("/registry/units/\(township)",
                                                 form: ["unit_code": "360426199", "name": "蒲亭镇", "kind": "township", "parent_code": "360426"])
            #expect(renamed.status == .unprocessableContent && renamed.text.contains("不能修改"))
            try await browser.get("/registry/units/\(township)/delete")
            let deleted = try await browser.post("/registry/units/\(township)/delete", form: [:])
            #expect(deleted.status == .conflict && deleted.text.contains("下级单位"))
            // Over the API the same change is a conflict with what is stored (409).
            let put = try await client.execute(uri: "/api/v1/units/\(township)", method: .put, headers: bearer(tokens["admin"], json: true),
                                               body: ByteBuffer(string: #"{"unit_code": "360426199", "name": "蒲亭镇", "kind": "township", "parent_code": "360426"}"#))
            #expect(put.status == .conflict)
            let stored = try await RecordStore(database: database).get(id: township, in: Registry.units, reach: .everywhere)
            #expect(stored?.record.key(in: Registry.units) == "360426100")
            let children = try await database.withConnection { db in try await ReachGuard.references(toUnit: "360426100", on: db) }
            #expect(children.children == 2)
        }
    }

    @Test func personPageGathersRelativesHouseholdsAndCompanies() async throws {
        let fixture = try await WebFixture.make()
        let id = try await fixture.id(Registry.people, key: try await firstKey(fixture, name: "刘德华"))
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.login("inspector")
            let page = try await browser.get("/registry/people/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("刘强"), "relative listed")
            #expect(page.text.contains("H0001"), "household listed")
            #expect(page.text.contains("href=\"/registry/units/"), "unit code linked to the unit")
            let search = try await browser.get("/registry/people?q=%E5%88%98")
            #expect(search.text.contains("刘德华") && !search.text.contains("王建国"))
        }
    }

    @Test func uploadingABadFileShowsItsLineNumbers() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.login("auditor")
            try await browser.get("/imports")
            let boundary = "----sunlight-test-boundary"
            var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.csrf)\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"dataset\"\r\n\r\npeople\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people-bad.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            body += try String(contentsOf: Fixtures.registry("people-bad.csv"), encoding: .utf8)
            body += "\r\n--\(boundary)--\r\n"
            let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader]
            let upload = try await client.execute(uri: "/imports?_csrf=\(browser.csrf)", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(upload.status == .seeOther)
            let report = try await browser.get(upload.headers[.location] ?? "/")
            #expect(report.text.contains("文件被拒绝"))
            for line in ["<td>3</td>", "<td>4</td>", "<td>5</td>", "<td>6</td>", "<td>7</td>", "2025-02-30"] {
                #expect(report.text.contains(line), "\(line)")
            }
            let noCSRF = try await client.execute(uri: "/imports", method: .post,
                                                  headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader],
                                                  body: ByteBuffer(string: body))
            #expect(noCSRF.status == .forbidden)
        }
    }

    @Test func unbuiltSectionsSaySo() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.login("leader")
            let page = try await browser.get("/sections/rectification")
            #expect(page.status == .ok && page.text.contains("尚未建成"))
            #expect(try await browser.get("/sections/nope").status == .notFound)
        }
    }
}

private func firstKey(_ fixture: WebFixture, name: String) async throws -> String {
    let page = try await RecordStore(database: fixture.test.database).list(Registry.people, query: RecordQuery(search: name), reach: .everywhere)
    return page.items[0].record.key(in: Registry.people)
}
