import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SunlightContract
import SunlightStorage
import SunlightTestSupport
import SunlightWeb
import Testing

@Suite("Account administration")
struct UserAdminTests {
    @Test func disablingEndsSessionsAndTokensAndPasswordsCanBeReset() async throws {
        let fixture = try await WebFixture.make()
        let token = fixture.tokens["inspector"]
        let users = try await AccountStore(database: fixture.test.database, recorder: fixture.test.recorder).users()
        let inspectorID = users.first { $0.username == "inspector" }!.id
        let adminID = users.first { $0.username == "admin" }!.id
        try await fixture.run { client async throws in
            var inspector = Browser(client)
            try await inspector.login("inspector")
            #expect(try await inspector.get("/registry/people").status == .ok)

            var admin = Browser(client)
            try await admin.login("admin")
            let form = try await admin.get("/admin/users/\(inspectorID)")
            #expect(form.status == .ok && form.text.contains("inspector"))
            let noUnit = try await admin.post("/admin/users/\(inspectorID)", form: ["display_name": "", "role": "unit_officer", "unit_code": ""])
            #expect(noUnit.status == .unprocessableContent && noUnit.text.contains("必须绑定单位"))
            let disabled = try await admin.post("/admin/users/\(inspectorID)", form: ["display_name": "纪检", "role": "inspector", "disabled": "1"])
            #expect(disabled.status == .ok && disabled.text.contains("已停用"))

            #expect(try await inspector.get("/registry/people").status == .seeOther)
            let api = try await client.execute(uri: "/api/v1/people", method: .get, headers: bearer(token), body: nil)
            #expect(api.status == .unauthorized)
            var again = Browser(client)
            #expect(try await again.login("inspector").status == .unauthorized)

            try await admin.get("/admin/users/\(inspectorID)")
            let restored = try await admin.post("/admin/users/\(inspectorID)",
                                                form: ["display_name": "纪检", "role": "inspector", "password": "new-password-5678"])
            #expect(restored.status == .ok)
            #expect(try await again.login("inspector", "password-1234").status == .unauthorized)
            #expect(try await again.login("inspector", "new-password-5678").status == .seeOther)

            // An administrator cannot lock themselves out.
            try await admin.get("/admin/users/\(adminID)")
            let selfDisable = try await admin.post("/admin/users/\(adminID)", form: ["display_name": "", "role": "admin", "disabled": "1"])
            #expect(selfDisable.status == .unprocessableContent)
        }
    }
}
