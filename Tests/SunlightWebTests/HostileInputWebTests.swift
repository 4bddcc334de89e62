import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import SunlightContract
import SunlightReports
import SunlightStorage
import SunlightTestSupport
import SunlightWeb
import Testing

/// Issue 18: what an attacker sends, and what the server must answer and leave behind.
@Suite("Hostile input over HTTP")
struct HostileInputWebTests {
    /// `PortalGuard.lookups`: receipt lookups per client per 15 minutes.
    static let lookupLimit = 30

    /// `?page=9223372036854775807` once trapped on `(page - 1) * perPage` and stopped the server.
    @Test func pagingOutOfRangeIsABadRequestOnEveryList() async throws {
        let fixture = try await WebFixture.make()
        let token = fixture.tokens["inspector"]
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.login("inspector")
            for page in ["9223372036854775807", "-1", "0", "abc", "1000001"] {
                for path in ["/registry/people", "/findings", "/reports"] {
                    let response = try await browser.get("\(path)?page=\(page)")
                    #expect(response.status == .badRequest, "\(path)?page=\(page): \(response.status)")
                    #expect(response.text.contains("page"))
                }
                let api = try await client.execute(uri: "/api/v1/people?page=\(page)", method: .get, headers: bearer(token), body: nil)
                #expect(api.status == .badRequest, "api page=\(page): \(api.status)")
                #expect((api.json["error"] as? [String: Any])?["code"] as? String == "paging")
            }
            let perPage = try await client.execute(uri: "/api/v1/people?per_page=9223372036854775807", method: .get, headers: bearer(token), body: nil)
            #expect(perPage.status == .badRequest)
            // The last valid page is empty, not a crash; the server still answers.
            #expect(try await browser.get("/registry/people?page=1000000").status == .ok)
            #expect(try await browser.get("/healthz").status == .ok)
        }
    }

    /// A quote followed by a combining mark is one Character but still a quote to the browser.
    @Test func escapingHoldsForEverySpecialCharacterFollowedByACombiningMark() async throws {
        let fixture = try await WebFixture.make()
        let token = fixture.tokens["admin"]
        let specials: [(raw: String, escaped: String)] = [("\"", "&quot;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;"), ("&", "&amp;")]
        try await fixture.run { client async throws in
            for (index, special) in specials.enumerated() {
                let name = "单位\(special.raw)\u{0301} x=\(special.raw)\u{0301}<b>y</b>"
                let body = try JSONSerialization.data(withJSONObject: ["unit_code": "ESC\(index)", "name": name, "parent_code": "360426", "kind": "department"])
                let created = try await client.execute(uri: "/api/v1/units", method: .post, headers: bearer(token, json: true), body: ByteBuffer(bytes: body))
                #expect(created.status == .created)
            }
            var browser = Browser(client)
            try await browser.login("admin")
            let list = try await browser.get("/registry/units?q=%E5%8D%95%E4%BD%8D")
            for special in specials {
                #expect(!list.text.contains("\(special.raw)\u{0301} x="), "stored: \(special.escaped) unescaped")
                #expect(list.text.contains("\(special.escaped)\u{0301} x="), "stored: \(special.escaped) missing")
            }
            #expect(!list.text.contains("<b>y</b>"))
            // Reflected: the search box echoes `q`.
            for special in specials {
                let raw = "\(special.raw)\u{0301}><script>alert(1)</script>"
                let encoded = raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let page = try await browser.get("/registry/units?q=\(encoded)")
                #expect(!page.text.contains("<script>alert(1)"), "reflected \(special.escaped)")
                #expect(page.text.contains("\(special.escaped)\u{0301}&gt;&lt;script&gt;"), "reflected \(special.escaped) not escaped as expected")
            }
        }
    }

    /// The reported person, an inspector with an account bound to them, never opens the report.
    @Test func anInspectorNamedInAPortalReportGetsNotFound() async throws {
        let fixture = try await WebFixture.make()
        let database = fixture.test.database
        try await database.withConnection { db in
            try await db.update("users").set("id_number", to: SQLBind("360426197503120012")).where("username", .equal, "inspector").run()
        }
        try await fixture.run { client async throws in
            let body = try JSONSerialization.data(withJSONObject: [
                "anonymous": false, "reporter": ["name": "张三", "phone": "13800000000"],
                "subject": ["name": "王建国", "unit": "县财政局", "post": "局长"], "type": "accusation", "text": "王建国收受工程老板红包，数额较大",
                "challenge": try await publicChallenge(client)])
            let created = try await client.execute(uri: "/api/v1/public/reports", method: .post, headers: [.contentType: "application/json"],
                                                   body: ByteBuffer(bytes: body))
            #expect(created.status == .created)
            let id = try await database.withConnection { db in
                try await db.select().column("id").from("reports").orderBy("id", .descending).first()!.decode(column: "id", as: Int64.self)
            }
            var browser = Browser(client)
            try await browser.login("inspector")
            #expect(try await browser.get("/reports/\(id)").status == .notFound)
            let list = try await browser.get("/reports")
            #expect(list.status == .ok && !list.text.contains("王建国"))
            #expect(try await browser.post("/reports/\(id)/clue", form: [:]).status == .notFound)
        }
    }

    /// The follow-up message route counts against the limit *before* the receipt is looked up
    /// or written to: a limited client adds nothing.
    @Test func aLimitedClientAddsNoMessages() async throws {
        let fixture = try await WebFixture.make(seed: false)
        let database = fixture.test.database
        try await fixture.run { client async throws in
            let body = try JSONSerialization.data(withJSONObject: ["anonymous": true, "subject": ["name": "周某某", "unit": "城关镇"],
                                                                   "type": "accusation", "text": "周某某收受工程老板红包，数额较大",
                                                                   "challenge": try await publicChallenge(client)])
            let created = try await client.execute(uri: "/api/v1/public/reports", method: .post, headers: [.contentType: "application/json"],
                                                   body: ByteBuffer(bytes: body))
            let receipt = try #require(created.json["receipt"] as? String)
            var browser = Browser(client)
            try await browser.get("/portal/follow")
            var limited = 0
            for i in 0..<(Self.lookupLimit + 5) {
                let boundary = "limitboundary"
                let response = try await client.execute(
                    uri: "/portal/follow/message?_csrf=\(browser.csrf)", method: .post,
                    headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader],
                    body: PortalWebTests.multipart(["receipt": receipt, "text": "补充 \(i)"], boundary: boundary))
                if response.status == .tooManyRequests { limited += 1 }
            }
            #expect(limited == 5)
            let messages = try await database.withConnection { db in
                try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("report_messages").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(messages == Self.lookupLimit)
        }
    }
}
