import Foundation
import Hummingbird
import SunlightContract
import SunlightStorage

/// Signing in and out, the home page, the language switch and the not-yet-built sections.
struct SessionPages {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/login", use: loginForm)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.post("/language", use: language)
        router.get("/sections/:slug", use: section)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return Response(status: .seeOther, headers: [.location: "/login"]) }
        let language = context.language
        var counts: [[String: Any]] = []
        for dataset in Contract.datasets where AccessPolicy.allows(principal.role, .read, on: dataset) {
            let page = try await services.records.list(dataset, query: RecordQuery(perPage: 1), reach: principal.reach)
            counts.append(["href": "/registry/\(dataset.pathSegment)", "count": page.total,
                           "label": RecordDisplay.datasetName(dataset, language)])
        }
        let sections: [[String: Any]] = ProductMap.sections.map { section in
            var item: [String: Any] = ["slug": section.slug, "label": language == .zh ? section.zh : section.en]
            item["built"] = section.path != nil
            if let path = section.path { item["href"] = path }
            return item
        }
        var values: [String: Any] = ["counts": counts, "sections": sections]
        // From 1 November administrators are reminded to enter next year's holiday notice.
        if AccessPolicy.managesUsers(principal.role),
           let warning = try await CalendarStore(recorder: services.recorder).missingNotice() {
            values["calendarWarning"] = language == .zh ? warning.messageZh : warning.messageEn
        }
        return services.renderer.render("home", title: Strings.text("home", language), request: request, context: context,
                                        values: values)
    }

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.principal != nil { return Response(status: .seeOther, headers: [.location: "/"]) }
        let noUsers = try await services.accounts.userCount() == 0
        return services.renderer.render("login", title: Strings.text("sign_in", context.language), request: request,
                                        context: context, values: ["noUsers": noUsers])
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let account = username.lowercased()
        let address = context.clientAddress
        func fail(_ message: String, status: HTTPResponse.Status) -> Response {
            services.renderer.render("login", title: Strings.text("sign_in", context.language), request: request, context: context,
                                     values: ["error": message, "username": username], status: status)
        }
        // Checked before the password: an attempt during a wait is neither checked nor counted.
        if case .wait(let seconds) = await services.throttle.check(account: account, address: address) {
            let message = Strings.text("login_limited", context.language)
                + (context.language == .zh ? "（请 \(seconds) 秒后再试）" : " (try again in \(seconds) s)")
            var response = fail(message, status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        guard let user = try await services.accounts.authenticate(username: username, password: password) else {
            await services.throttle.recordFailure(account: account, address: address)
            return fail(Strings.text("login_failed", context.language), status: .unauthorized)
        }
        await services.throttle.recordSuccess(account: account, address: address)
        let (token, _) = try await services.accounts.startSession(for: user)
        var response = Response(status: .seeOther, headers: [.location: safeNext(request.uri.queryParameters.get("next"))])
        response.setCookie(SessionMiddleware.cookie(SessionMiddleware.sessionCookie, token, secure: context.secure))
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = context.sessionToken { try await services.accounts.endSession(token: token) }
        var response = Response(status: .seeOther, headers: [.location: "/login"])
        response.setCookie(SessionMiddleware.cookie(SessionMiddleware.sessionCookie, "", secure: context.secure, maxAge: 0))
        return response
    }

    @Sendable func language(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let language = Language(rawValue: form["language"] ?? "") ?? .zh
        if let userID = context.principal?.userID {
            try await services.accounts.setLanguage(language.rawValue, userID: userID)
        }
        var response = Response(status: .seeOther, headers: [.location: safeNext(form["back"])])
        response.setCookie(SessionMiddleware.cookie(SessionMiddleware.languageCookie, language.rawValue, secure: context.secure,
                                                    maxAge: 365 * 86400))
        return response
    }

    @Sendable func section(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        guard let slug = context.parameters.get("slug"), let section = ProductMap.sections.first(where: { $0.slug == slug }) else {
            throw WebError.notFound
        }
        if let path = section.path { return Response(status: .seeOther, headers: [.location: path]) }
        let name = context.language == .zh ? section.zh : section.en
        return services.renderer.render("message", title: name, request: request, context: context,
                                        values: ["heading": "\(name) — \(Strings.text("not_built_title", context.language))",
                                                 "body": Strings.text("not_built_body", context.language)])
    }

    /// Only local paths: an open redirect would let a link to Sunlight send people elsewhere.
    private func safeNext(_ next: String?) -> String {
        Self.localPath(next) ?? "/"
    }

    /// `next` if it is a path on this site, else nil. A path must start with one `/` followed by
    /// something other than `/` or `\` (`//host` and `/\host` are other hosts to a browser), and
    /// may hold no whitespace or control character anywhere: browsers drop tabs and newlines
    /// from URLs, so `/<TAB>/evil.example` would become `//evil.example`.
    static func localPath(_ next: String?) -> String? {
        guard let next else { return nil }
        let scalars = Array(next.unicodeScalars)
        guard scalars.count >= 1, scalars[0] == "/" else { return nil }
        if scalars.count >= 2, scalars[1] == "/" || scalars[1] == "\\" { return nil }
        for scalar in scalars {
            if scalar == "\\" || scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format { return nil }
        }
        return next
    }
}
