import Foundation
import HTTPTypes
import Hummingbird
import SunlightStorage

/// Finds who is making the request — a session cookie from the browser or a bearer token from
/// a script — and which language to answer in.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let sessionCookie = "sl_session"
    static let csrfCookie = "sl_csrf"
    static let languageCookie = "sl_lang"
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    let accounts: AccountStore
    let configuration: WebConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = ClientAddress.resolve(peer: context.remoteAddress,
                                                      forwardedFor: request.headers[values: Self.forwardedFor],
                                                      trusted: configuration.trustedProxies)
        context.overHTTPS = ClientAddress.isHTTPS(peer: context.remoteAddress, forwardedProto: request.headers[Self.forwardedProto],
                                                  directScheme: request.uri.scheme?.rawValue, trusted: configuration.trustedProxies)
        // Cookies may be marked Secure on anyone's say-so (at worst a client breaks its own
        // session); HSTS, which binds the browser for a year, follows only `overHTTPS`.
        context.secure = configuration.forceSecureCookies || context.overHTTPS || request.headers[Self.forwardedProto] == "https"
        // `/metrics` takes its own bearer token (`MetricsAccess`), which is no account's.
        if request.uri.path != "/metrics", let authorization = request.headers[.authorization],
           authorization.lowercased().hasPrefix("bearer ") {
            let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            guard let user = try await accounts.user(forToken: token) else { throw WebError.unauthenticated }
            context.principal = user.principal
            context.viaBearerToken = true
        } else if let token = request.cookies[Self.sessionCookie]?.value,
                  let (user, csrf) = try await accounts.session(token: token) {
            context.principal = user.principal
            context.sessionToken = token
            context.csrfToken = csrf
        }
        context.logIdentity.userID = context.principal?.userID
        if context.csrfToken.isEmpty {
            if let anonymous = request.cookies[Self.csrfCookie]?.value, anonymous.count >= 32 {
                context.csrfToken = anonymous
            } else {
                context.csrfToken = AccountStore.randomToken()
                context.issueAnonymousCSRF = true
            }
        }
        if let language = context.principal?.language.flatMap(Language.init(rawValue:)) {
            context.language = language
        } else if let cookie = request.cookies[Self.languageCookie]?.value, let language = Language(rawValue: cookie) {
            context.language = language
        } else {
            context.language = Language.from(acceptLanguage: request.headers[.acceptLanguage])
        }
        var response = try await next(request, context)
        if context.issueAnonymousCSRF {
            response.setCookie(Self.cookie(Self.csrfCookie, context.csrfToken, secure: context.secure))
        }
        return response
    }

    /// Cookies are HttpOnly, SameSite=Strict, path /, and Secure when served over TLS.
    static func cookie(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
