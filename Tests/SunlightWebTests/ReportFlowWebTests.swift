import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import SunlightContract
import SunlightStorage
import SunlightTestSupport
import SunlightRegime
import Testing

/// The issue's "done when", over HTTP: a person files an anonymous report in the browser, an
/// inspector takes it through disposition to a four-forms outcome with its deadlines shown and
/// met, and the reporter follows it with the receipt code.
@Suite struct ReportFlowWebTests {
    static func location(_ response: TestResponse) -> String? { response.headers[.location] }

    @Test func fromAnonymousReportToAFourFormsOutcome() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client in
            // 1. The public files a report.
            var citizen = Browser(client)
            let form = try await citizen.get("/portal/report")
            let challenge = try #require(PortalWebTests.answer(form.text))
            let boundary = "flow"
            let submitted = try await client.execute(
                uri: "/portal/report?_csrf=\(citizen.csrf)", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: citizen.cookieHeader],
                body: PortalWebTests.multipart(["anonymous": "1", "subject_name": "周某某", "subject_unit": "城关镇", "type": "accusation",
                                                "text": "周某某在低保评审中优亲厚友", "challenge": challenge.token, "answer": challenge.answer],
                                               boundary: boundary))
            #expect(submitted.status == .created)
            let page = submitted.text
            let range = try #require(page.range(of: #"class="code">([0-9 ]{19})<"#, options: .regularExpression))
            let code = String(page[range].dropFirst("class=\"code\">".count).dropLast())

            // 2. The inspector sees it, takes it in as a clue, assigns and proposes.
            var inspector = Browser(client)
            try await inspector.login("inspector")
            let list = try await inspector.get("/reports")
            #expect(list.status == .ok && list.text.contains("周某某"))
            let idRange = try #require(list.text.range(of: #"href="/reports/(\d+)""#, options: .regularExpression))
            let reportPath = String(list.text[idRange].dropFirst(6).dropLast())
            let detail = try await inspector.get(reportPath)
            #expect(detail.text.contains("周某某在低保评审中优亲厚友"))
            let opened = try await inspector.post(reportPath + "/clue", form: [:])
            #expect(opened.status == .seeOther)
            let cluePath = try #require(Self.location(opened))
            let clue = try await inspector.get(cluePath)
            // The clue is listed, with its subject, and its first deadline is on the board.
            let clueList = try await inspector.get("/clues")
            #expect(clueList.text.contains("href=\"\(cluePath)\"") && clueList.text.contains("周某某"))
            let board = try await inspector.get("/clues/deadlines")
            #expect(board.text.contains("href=\"\(cluePath)\""), "\(board.text)")
            #expect(clue.status == .ok && clue.text.contains("clue.disposition_proposal"))
            #expect(try await inspector.post(cluePath + "/act", form: ["action": "assign", "handler": "inspector"]).status == .ok)
            #expect(try await inspector.post(cluePath + "/act", form: ["action": "propose", "note": "建议谈话函询"]).status == .ok)
            // The proposer cannot approve their own proposal.
            let own = try await inspector.post(cluePath + "/act", form: ["action": "approve_talk_or_letter"])
            #expect(own.status == .unprocessableContent)

            // 3. The leader approves; the handler reports; the leader decides a form-1 outcome.
            var leader = Browser(client)
            try await leader.login("leader")
            #expect(try await leader.get("/reports").status == .forbidden)   // leaders decide, but do not read reports
            #expect(try await leader.get(cluePath).status == .ok)
            #expect(try await leader.post(cluePath + "/act", form: ["action": "approve_talk_or_letter"]).status == .ok)
            #expect(try await inspector.post(cluePath + "/act", form: ["action": "report_result", "note": "本人作了说明，建议提醒谈话"]).status == .ok)
            let decided = try await leader.post(cluePath + "/act", form: [
                "action": "decide_outcome", "person_name": "周某某", "measure": "reminder_talk", "effective_on": "2026-11-20",
            ])
            #expect(decided.status == .ok)
            #expect(decided.text.contains("提醒谈话") || decided.text.contains("reminder talk"))
            // Deadlines shown and met.
            let final = try await inspector.get(cluePath)
            #expect(final.text.contains("deadline-met"))
            #expect(!final.text.contains("deadline-overdue"))
            // The trail names each step in words (the regime's label), never its action code.
            let approve = try #require(Regime.shipped.clueWorkflow.transitions.first { $0.action == "approve_talk_or_letter" })
            #expect(final.text.contains("<strong>\(approve.label.zh)</strong>"))
            for code in ["approve_talk_or_letter", "report_result", "decide_outcome", "register"] {
                #expect(!final.text.contains(">\(code)<"), "\(code) shown raw")
            }

            // 4. The handler answers the reporter, who follows with the code.
            #expect(try await inspector.post(reportPath + "/reply", form: ["text": "经核查，已对相关人员进行提醒谈话。"]).status == .ok)
            try await citizen.get("/portal/follow")
            let follow = try await citizen.post("/portal/follow", form: ["receipt": code])
            #expect(follow.text.contains("已办结") && follow.text.contains("已对相关人员进行提醒谈话"))

            // 5. The statistics count it: one portal report, one form-1 outcome, drawn as SVG.
            let stats = try await inspector.get("/reports/statistics")
            #expect(stats.status == .ok && stats.text.contains("<svg") && stats.text.contains("第一种形态"))
        }
    }

    @Test func onlyInspectorsReachReportsAndOnlyDecidersReachClues() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client in
            for (user, reports, clues) in [("admin", false, false), ("inspector", true, true), ("auditor", false, false),
                                           ("officer", false, false), ("leader", false, true), ("witness", false, false)] {
                var browser = Browser(client)
                try await browser.login(user)
                for (path, allowed) in [("/reports", reports), ("/reports/new", reports), ("/clues", clues), ("/clues/deadlines", clues)] {
                    let response = try await browser.get(path)
                    #expect(response.status == (allowed ? .ok : .forbidden), "\(user) \(path)")
                }
                let post = try await browser.post("/reports/new", form: ["channel": "letter", "subject_name": "李四", "text": "李四在工程验收中收受好处"])
                #expect((post.status == .ok) == reports, "\(user) POST /reports/new → \(post.status)")
            }
            // Every state-changing route of reports, clues and talks, for the roles that may not use it.
            let reportPosts = ["/reports/1/reply", "/reports/1/clue", "/reports/1/link", "/reports/1/identity/request",
                               "/reports/1/identity/show", "/reports/1/files/1", "/talks"]
            let cluePosts = ["/clues/1/act", "/clues/1/notice", "/clues/1/deadlines/1/extend", "/clues/1/deadlines/1/pause",
                             "/clues/1/deadlines/1/met", "/clues/1/appeal", "/reports/1/identity/decide"]
            for user in ["admin", "auditor", "officer", "witness", "leader"] {
                var browser = Browser(client)
                try await browser.login(user)
                try await browser.get("/")
                for path in reportPosts + (user == "leader" ? [] : cluePosts) + ["/findings/1/clue"] {
                    let response = try await browser.post(path, form: ["action": "assign", "handler": user, "reason": "x", "text": "x"])
                    #expect(response.status == .forbidden, "\(user) POST \(path) → \(response.status)")
                }
                for path in ["/reports/1", "/talks", "/integrity/1"] + (user == "leader" ? [] : ["/clues/1", "/reports/statistics"]) {
                    if user == "leader" && path == "/integrity/1" { continue }
                    let response = try await browser.get(path)
                    #expect(response.status == .forbidden, "\(user) GET \(path) → \(response.status)")
                }
            }
            // Without signing in: the portal is open, the rest is not.
            var anonymous = Browser(client)
            #expect(try await anonymous.get("/portal").status == .ok)
            #expect(try await anonymous.get("/reports").status != .ok)
        }
    }
}

@Suite struct TalkAndStatisticsWebTests {
    @Test func talksFillTheIntegrityFileAndStatisticsDrawCharts() async throws {
        let fixture = try await WebFixture.make()
        let personID = try await fixture.id(Registry.people, key: "360426197503120012")
        try await fixture.run { client in
            var inspector = Browser(client)
            try await inspector.login("inspector")
            try await inspector.get("/talks")
            let saved = try await inspector.post("/talks", form: [
                "kind": "reminder", "held_on": "2026-03-02", "person_name": "测试人", "person_id_number": "360426197503120012",
                "talked_by": "县纪委书记", "topics": "提醒其注意亲属经商问题", "follow_up": "三个月后回访",
            ])
            #expect(saved.status == .ok && saved.text.contains("提醒其注意亲属经商问题"))
            let bad = try await inspector.post("/talks", form: ["kind": "reminder", "held_on": "2026-02-30", "person_name": "x", "talked_by": "y", "topics": "z"])
            #expect(bad.status == .unprocessableContent)
            let file = try await inspector.get("/integrity/\(personID)")
            #expect(file.status == .ok && file.text.contains("三个月后回访"))
            var officer = Browser(client)
            try await officer.login("officer")
            #expect(try await officer.get("/integrity/\(personID)").status == .forbidden)
            #expect(try await officer.get("/talks").status == .forbidden)

            let stats = try await inspector.get("/reports/statistics")
            #expect(stats.status == .ok && stats.text.contains("—"))   // nothing yet: no charts, plain dashes
            let xlsx = try await inspector.get("/reports/statistics.xlsx")
            #expect(xlsx.status == .ok && xlsx.body.readableBytesView.starts(with: [0x50, 0x4B]))
            var leader = Browser(client)
            try await leader.login("leader")
            #expect(try await leader.get("/reports/statistics").status == .ok)
            var auditor = Browser(client)
            try await auditor.login("auditor")
            #expect(try await auditor.get("/reports/statistics").status == .forbidden)
        }
    }

    @Test func anInspectorNeverSeesAReportAboutThemselves() async throws {
        let fixture = try await WebFixture.make()
        let database = fixture.test.database
        let recorder = fixture.test.recorder
        try await fixture.run { client in
            let accounts = AccountStore(database: database, recorder: recorder, bcryptCost: 4)
            try await accounts.setIDNumber(username: "inspector", idNumber: "360426197503120012", by: .system())
            var registrar = Browser(client)
            try await registrar.login("inspector")
            try await registrar.get("/reports/new")
            // Registered by someone else about this inspector (a second inspector would do it; the
            // route is the same): the inspector registers one about a colleague, and one about themself.
            let other = try await registrar.post("/reports/new", form: ["channel": "letter", "anonymous": "1", "subject_name": "李秀英",
                                                                        "subject_id_number": "360426198005060023", "text": "李秀英在工程验收中收受好处"])
            #expect(other.status == .ok)
            let own = try await registrar.post("/reports/new", form: ["channel": "letter", "anonymous": "1", "subject_name": "王建国",
                                                                      "subject_id_number": "360426197503120012", "text": "王建国在工程验收中收受好处"])
            #expect(own.status == .notFound)   // registered, but the page about it is not shown to them
            let list = try await registrar.get("/reports")
            #expect(list.text.contains("李秀英") && !list.text.contains("王建国"))
            // The subject is sealed: the rows hold keyed hashes, no name and no ID number.
            let rows = try await database.withConnection { db in
                try await db.select().columns("id", "subject_name", "subject_id_number", "subject_id_key").from("reports").orderBy("id").all()
            }
            #expect(rows.count == 2)
            for row in rows {
                #expect(try row.decode(column: "subject_name", as: String.self) == "")
                #expect(try row.decode(column: "subject_id_number", as: String?.self) == nil)
                #expect(try row.decode(column: "subject_id_key", as: String?.self)?.count == 64)
            }
            let ids = [try rows[1].decode(column: "id", as: Int64.self)]
            #expect(try await registrar.get("/reports/\(ids[0])").status == .notFound)
            #expect(try await registrar.post("/reports/\(ids[0])/clue", form: [:]).status == .notFound)
        }
    }
}
