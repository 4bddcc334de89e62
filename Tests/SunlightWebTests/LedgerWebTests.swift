import SQLKit
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SunlightContract
import SunlightLedger
import SunlightStorage
import SunlightTestSupport
@testable import SunlightWeb
import Testing

@Suite("Ledger over the web")
struct LedgerWebTests {
    @Test func witnessesDownloadCheckpointsAndProofsThatVerifyOffline() async throws {
        let fixture = try await WebFixture.make()
        let witness = fixture.tokens["witness"]
        let officer = fixture.tokens["officer"]
        let vkey = fixture.test.ledger.keys.verifierKey
        try await fixture.run { client async throws in
            let checkpoint = try await client.execute(uri: "/api/v1/ledger/checkpoint", method: .get, headers: bearer(witness), body: nil)
            #expect(checkpoint.status == .ok)
            let opened = try Checkpoint.open(signedText: checkpoint.text, verifiers: [NoteVerifierKey(vkey: vkey)])
            #expect(opened.size > 30)
            let proof = try await client.execute(uri: "/api/v1/ledger/proof/inclusion?index=5", method: .get, headers: bearer(witness), body: nil)
            #expect(proof.status == .ok)
            let bundle = try JSONDecoder().decode(InclusionProofBundle.self, from: Data(buffer: proof.body))
            #expect(try bundle.verify(vkey: vkey).size == opened.size)
            let consistency = try await client.execute(uri: "/api/v1/ledger/proof/consistency?from=3", method: .get, headers: bearer(witness), body: nil)
            let consistencyBundle = try JSONDecoder().decode(ConsistencyProofBundle.self, from: Data(buffer: consistency.body))
            #expect(try consistencyBundle.verify(vkey: vkey).size == opened.size)
            let outOfRange = try await client.execute(uri: "/api/v1/ledger/proof/inclusion?index=100000", method: .get, headers: bearer(witness), body: nil)
            #expect(outOfRange.status == .notFound)
            let pubkey = try await client.execute(uri: "/api/v1/ledger/pubkey", method: .get, headers: bearer(witness), body: nil)
            #expect(pubkey.json["vkey"] as? String == vkey)
            let denied = try await client.execute(uri: "/api/v1/ledger/checkpoint", method: .get, headers: bearer(officer), body: nil)
            #expect(denied.status == .forbidden)
            // A witness sees the ledger page but cannot run operations, and sees no registry.
            var browser = Browser(client)
            try await browser.login("witness")
            let page = try await browser.get("/ledger")
            #expect(page.status == .ok && page.text.contains(vkey) && !page.text.contains("/ledger/verify"))
            #expect(try await browser.post("/ledger/verify", form: [:]).status == .forbidden)
            #expect(try await browser.get("/registry/people").status == .forbidden)
        }
    }

    @Test func adminsVerifyFromTheWebAndSeeRecordHistory() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.login("admin")
            try await browser.get("/ledger")
            let verified = try await browser.post("/ledger/verify", form: [:])
            #expect(verified.status == .ok && verified.text.contains("验证通过"))
            let signed = try await browser.post("/ledger/checkpoint", form: [:])
            #expect(signed.status == .seeOther)
            #expect(try await browser.get("/ledger").text.contains("— sunlight-ledger"))
            let record = try await browser.get("/registry/units/1")
            #expect(record.text.contains("<td>新增</td>") && record.text.contains("system"))
        }
        let fixture2 = try await WebFixture.make()
        try await fixture2.test.database.withConnection { try await $0.raw("UPDATE people SET name = '改' WHERE id = 3").run() }
        try await fixture2.run { client async throws in
            var browser = Browser(client)
            try await browser.login("admin")
            try await browser.get("/ledger")
            let failed = try await browser.post("/ledger/verify", form: [:])
            #expect(failed.text.contains("验证失败") && failed.text.contains("people #3"))
        }
    }
}

@Suite("Display")
struct DisplayTimeTests {
    @Test func instantsAreShownInChinaTime() {
        #expect(DisplayTime.local("2026-11-21T23:13:15.656Z") == "2026-11-22 07:13:15")
        #expect(DisplayTime.local("2026-01-01T00:00:00Z") == "2026-01-01 08:00:00")
        #expect(DisplayTime.local("not a time") == "not a time")
    }
}
