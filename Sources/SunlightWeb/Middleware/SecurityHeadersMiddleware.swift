import HTTPTypes
import Hummingbird

/// Strict browser security for every response: a Content-Security-Policy that allows only this
/// origin (no scripts at all: the UI works without JavaScript), no framing, no sniffing, no
/// referrer leaking record URLs to other sites.
///
/// Over HTTPS it adds `Strict-Transport-Security`, so a browser that once reached the site
/// securely never again sends a session cookie in clear to whoever sits on the network path.
/// "Over HTTPS" is: TLS here, `--secure-cookies` (the operator says a TLS proxy is in front),
/// or a trusted proxy's `X-Forwarded-Proto: https`. Never on anyone else's say-so: HSTS binds
/// the browser for a year, so a forged header must not be able to switch it on for a plain-HTTP
/// deployment. This middleware runs before `SessionMiddleware`, so it decides for itself.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    var configuration = WebConfiguration()

    static let policy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if configuration.forceSecureCookies
            || ClientAddress.isHTTPS(peer: context.remoteAddress, forwardedProto: request.headers[SessionMiddleware.forwardedProto],
                                     directScheme: request.uri.scheme?.rawValue, trusted: configuration.trustedProxies) {
            response.headers[.strictTransportSecurity] = "max-age=\(configuration.hstsMaxAgeSeconds)"
        }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
