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
        return services.renderer.render("home", title: Strings.text("home", language), request: request, context: context,
                                        values: ["counts": counts, "sections": sections])
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
        let keys = ["user:" + username.lowercased()] + (context.remoteAddress.map { ["client:" + $0] } ?? [])
        func fail(_ key: String, status: HTTPResponse.Status) -> Response {
            services.renderer.render("login", title: Strings.text("sign_in", context.language), request: request, context: context,
                                     values: ["error": Strings.text(key, context.language), "username": username], status: status)
        }
        if await services.throttle.isBlocked(keys) { return fail("login_limited", status: .tooManyRequests) }
        guard let user = try await services.accounts.authenticate(username: username, password: password) else {
            await services.throttle.recordFailure(keys)
            return fail("login_failed", status: .unauthorized)
        }
        await services.throttle.reset("user:" + username.lowercased())
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
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}
