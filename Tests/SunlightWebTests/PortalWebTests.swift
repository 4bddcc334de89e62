import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import SunlightStorage
import SunlightTestSupport
import Testing

/// The public reporting portal and its API, end to end over HTTP.
@Suite struct PortalWebTests {
    static func multipart(_ fields: [String: String], file: (name: String, data: Data)? = nil, boundary: String) -> ByteBuffer {
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ByteBuffer(data: body)
    }

    /// Reads the challenge from the form page and answers it.
    static func answer(_ page: String) -> (token: String, answer: String)? {
        guard let tokenRange = page.range(of: #"name="challenge" value="([^"]+)""#, options: .regularExpression) else { return nil }
        let token = String(page[tokenRange].split(separator: "\"")[3])
        let parts = token.split(separator: ".")
        guard let a = Int(parts[1]), let b = Int(parts[2]) else { return nil }
        return (token, String(a + b))
    }

    @Test func aPersonFilesAnAnonymousReportAndFollowsItWithTheReceipt() async throws {
        let fixture = try await WebFixture.make(seed: false)
        let database = fixture.test.database
        try await fixture.run { client in
            var browser = Browser(client)
            let landing = try await browser.get("/portal")
            #expect(landing.status == .ok && landing.text.contains("/portal/report"))
            let form = try await browser.get("/portal/report")
            #expect(form.status == .ok && form.headers[.cacheControl] == "no-store")
            let challenge = try #require(Self.answer(form.text))
            let boundary = "portalboundary"
            let fields = ["anonymous": "1", "subject_name": "周某某", "subject_unit": "城关镇", "subject_post": "党委书记",
                          "type": "accusation", "text": "周某某收受工程老板红包，数额较大", "when": "2025年春节前",
                          "challenge": challenge.token, "answer": challenge.answer, "website": ""]
            let submitted = try await client.execute(
                uri: "/portal/report?_csrf=\(browser.csrf)", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader],
                body: Self.multipart(fields, file: ("照片说明.txt", Data("红包照片的说明".utf8)), boundary: boundary))
            #expect(submitted.status == .created)
            let page = submitted.text
            let codeRange = try #require(page.range(of: #"class="code">([0-9 ]{19})<"#, options: .regularExpression))
            let code = String(page[codeRange].dropFirst("class=\"code\">".count).dropLast())
            #expect(code.replacingOccurrences(of: " ", with: "").count == 16)
            // Reusing the same challenge is refused (a replayed form).
            let replay = try await client.execute(
                uri: "/portal/report?_csrf=\(browser.csrf)", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader],
                body: Self.multipart(fields, boundary: boundary))
            #expect(replay.status == .unprocessableContent)
            // Follow with the code.
            try await browser.get("/portal/follow")
            let view = try await browser.post("/portal/follow", form: ["receipt": code])
            #expect(view.status == .ok && view.headers[.cacheControl] == "no-store")
            #expect(view.text.contains("已收到，待受理") && view.text.contains("照片说明.txt"))
            let wrong = try await browser.post("/portal/follow", form: ["receipt": "0000 0000 0000 0000"])
            #expect(wrong.status == .notFound)
            // The API sees the same report, and can add to it.
            let status = try await client.execute(uri: "/api/v1/public/reports/\(code.replacingOccurrences(of: " ", with: ""))", method: .get,
                                                  headers: [:], body: nil)
            #expect(status.status == .ok && status.json["status"] as? String == "received")
            #expect((status.json["files"] as? [[String: Any]])?.first?["name"] as? String == "照片说明.txt")
            // No request may carry the submitter's address into storage: nothing in the database names it.
            let stored = try await database.withConnection { db in
                try await db.raw("SELECT entered_by, channel FROM reports").all().map { try $0.decode(column: "entered_by", as: String.self) }
            }
            #expect(stored == ["public"])
        }
    }

    @Test func botsAreTurnedAway() async throws {
        let fixture = try await WebFixture.make(seed: false)
        let database = fixture.test.database
        try await fixture.run { client in
            var browser = Browser(client)
            let form = try await browser.get("/portal/report")
            let challenge = try #require(Self.answer(form.text))
            let boundary = "b"
            var fields = ["anonymous": "1", "subject_name": "周某某", "text": "周某某收受工程老板红包，数额较大",
                          "challenge": challenge.token, "answer": String(Int(challenge.answer)! + 1)]
            let wrongSum = try await client.execute(uri: "/portal/report?_csrf=\(browser.csrf)", method: .post,
                                                    headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader],
                                                    body: Self.multipart(fields, boundary: boundary))
            #expect(wrongSum.status == .unprocessableContent)
            fields["answer"] = challenge.answer
            fields["website"] = "http://spam.example"
            let honeypot = try await client.execute(uri: "/portal/report?_csrf=\(browser.csrf)", method: .post,
                                                    headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader],
                                                    body: Self.multipart(fields, boundary: boundary))
            #expect(honeypot.status == .unprocessableContent)
            let noCSRF = try await client.execute(uri: "/portal/report", method: .post,
                                                  headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader],
                                                  body: Self.multipart(fields, boundary: boundary))
            #expect(noCSRF.status == .forbidden)
            let count = try await database.withConnection { db in try await db.raw("SELECT id FROM reports").all().count }
            #expect(count == 0)
        }
    }

    @Test func thePublicAPIFilesFollowsAndAnswersInBothLanguages() async throws {
        let fixture = try await WebFixture.make(seed: false)
        let database = fixture.test.database
        try await fixture.run { client in
            let json: HTTPFields = [.contentType: "application/json"]
            let body = #"{"anonymous": false, "reporter": {"name": "张三", "phone": "13800000000"}, "subject": {"name": "李四", "unit": "交通局"}, "type": "accusation", "text": "李四在工程验收中收受好处", "attachments": [{"name": "a.txt", "data_base64": "5Lq6"}]}"#
            // Without the check question, with a wrong answer, with a used one: refused, nothing kept.
            let unasked = try await client.execute(uri: "/api/v1/public/reports", method: .post, headers: json, body: ByteBuffer(string: body))
            #expect(unasked.status == .unprocessableContent && (unasked.json["error"] as? [String: Any])?["code"] as? String == "report.challenge")
            var wrong = try await publicChallenge(client)
            wrong["answer"] = String(Int(wrong["answer"]!)! + 1)
            let wrongBody = #"{"challenge": {"token": "\#(wrong["token"]!)", "answer": "\#(wrong["answer"]!)"}, "#
                + body.dropFirst()
            #expect(try await client.execute(uri: "/api/v1/public/reports", method: .post, headers: json,
                                             body: ByteBuffer(string: wrongBody)).status == .unprocessableContent)
            #expect(try await database.withConnection { db in try await db.raw("SELECT id FROM reports").all().count } == 0)
            let answered = try await withChallenge(body, client)
            let created = try await client.execute(uri: "/api/v1/public/reports", method: .post, headers: json, body: ByteBuffer(string: answered))
            #expect(created.status == .created)
            let reused = try await client.execute(uri: "/api/v1/public/reports", method: .post, headers: json, body: ByteBuffer(string: answered))
            #expect(reused.status == .unprocessableContent)
            let receipt = try #require(created.json["receipt"] as? String)
            let path = "/api/v1/public/reports/" + receipt.replacingOccurrences(of: " ", with: "")
            let added = try await client.execute(uri: path + "/messages", method: .post, headers: json,
                                                 body: ByteBuffer(string: #"{"text": "补充：2024年5月"}"#))
            #expect(added.status == .created)
            #expect((added.json["messages"] as? [[String: Any]])?.map { $0["text"] as? String } == ["补充：2024年5月"])
            let unknown = try await client.execute(uri: "/api/v1/public/reports", method: .post, headers: json,
                                                   body: ByteBuffer(string: #"{"text": "李四在工程验收中收受好处", "subject": {"name": "李四"}, "ip": "1.2.3.4"}"#))
            #expect(unknown.status == .badRequest)
            let error = unknown.json["error"] as? [String: Any]
            #expect((error?["message_en"] as? String)?.contains("ip") == true && (error?["message_zh"] as? String)?.contains("ip") == true)
            let invalid = try await client.execute(uri: "/api/v1/public/reports", method: .post, headers: json,
                                                   body: ByteBuffer(string: try await withChallenge(#"{"text": "短"}"#, client)))
            #expect(invalid.status == .unprocessableContent)
            let details = (invalid.json["error"] as? [String: Any])?["details"] as? [[String: Any]]
            #expect(Set(details?.compactMap { $0["field"] as? String } ?? []) == ["text", "subject_name"])
            let missing = try await client.execute(uri: "/api/v1/public/reports/1234567890123456", method: .get, headers: [:], body: nil)
            #expect(missing.status == .notFound)
        }
    }
}
