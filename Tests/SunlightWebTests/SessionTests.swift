import Foundation
import HummingbirdTesting
import SunlightWeb
import Testing

@Suite("Sign-in, CSRF and language")
struct SessionTests {
    @Test func signInShowsTheAppInChineseByDefault() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client async throws in
            var browser = Browser(client)
            let anonymous = try await browser.get("/")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/login")
            let page = try await browser.get("/login")
            #expect(page.text.contains("登录阳光监督平台") && page.text.contains("lang=\"zh-CN\""))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let login = try await browser.login("inspector")
            #expect(login.status == .seeOther)
            let setCookie = login.headers[values: .setCookie].first { $0.hasPrefix("sl_session=") } ?? ""
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let home = try await browser.get("/")
            #expect(home.status == .ok && home.text.contains("inspector") && home.text.contains("单位"))
            #expect(home.text.contains("尚未建成"))
        }
    }

    @Test func wrongPasswordGetsOneGenericMessageAndIsRateLimited() async throws {
        // A first wait of a minute: the limited attempt below must fall inside it however slow
        // the machine (with the default 1 s it raced the clock).
        let fixture = try await WebFixture.make { $0.loginBaseDelaySeconds = 60 }
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.get("/login")
            let unknown = try await browser.post("/login", form: ["username": "nobody", "password": "whatever-123"])
            let wrong = try await browser.post("/login", form: ["username": "admin", "password": "whatever-123"])
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(unknown.text.contains("用户名或密码错误") && wrong.text.contains("用户名或密码错误"))
            for _ in 0..<4 { try await browser.post("/login", form: ["username": "admin", "password": "whatever-123"]) }
            let limited = try await browser.post("/login", form: ["username": "admin", "password": "password-1234"])
            #expect(limited.status == .tooManyRequests)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.get("/login")
            let noToken = try await browser.post("/login", form: ["username": "admin", "password": "password-1234"], includeCSRF: false)
            #expect(noToken.status == .forbidden)
            try await browser.login("admin")
            try await browser.get("/registry/units/new")
            let forged = try await browser.post("/registry/units", form: ["unit_code": "X1", "name": "伪造", "kind": "department"],
                                                includeCSRF: false)
            #expect(forged.status == .forbidden)
            browser.csrf = "not-the-token-not-the-token-not-the-token"
            let wrongToken = try await browser.post("/registry/units", form: ["unit_code": "X1", "name": "伪造", "kind": "department"],
                                                    includeCSRF: true)
            #expect(wrongToken.status == .forbidden)
            try await browser.get("/registry/units/new")
            let real = try await browser.post("/registry/units", form: ["unit_code": "X1", "name": "新单位", "kind": "department", "parent_code": "360426"])
            #expect(real.status == .seeOther)
        }
    }

    @Test func languageSwitchesPerUserAndFromAcceptLanguage() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client async throws in
            var english = Browser(client)
            english.acceptLanguage = "en-US,en;q=0.9"
            #expect(try await english.get("/login").text.contains("Sign in to Sunlight"))

            var browser = Browser(client)
            try await browser.login("auditor")
            #expect(try await browser.get("/").text.contains("基础信息"))
            let switched = try await browser.post("/language", form: ["language": "en", "back": "/units"])
            #expect(switched.status == .seeOther && switched.headers[.location] == "/units")
            let page = try await browser.get("/units")
            #expect(page.text.contains("Unit tree") && page.text.contains("lang=\"en\""))
            // The choice belongs to the user: a fresh browser signing in as them gets English too.
            var again = Browser(client)
            try await again.login("auditor")
            #expect(try await again.get("/").text.contains("Registry"))
        }
    }

    @Test func openRedirectsAreNotFollowed() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client async throws in
            var browser = Browser(client)
            try await browser.get("/login")
            let response = try await browser.post("/login?next=//evil.example/", form: ["username": "admin", "password": "password-1234"])
            #expect(response.headers[.location] == "/")
        }
    }
}
