import Hummingbird

/// Refuses any state-changing request made with a cookie unless it carries the CSRF token:
/// the `_csrf` form field, the `_csrf` query item (multipart uploads) or an `X-CSRF-Token`
/// header. Requests authenticated by a bearer token carry no cookie, so need none.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The public reporting API has no session to ride on: anyone may call it directly, so a
        // forged cross-site request gains nothing. Its own guard (rate limits) applies instead.
        guard request.method != .get, request.method != .head, request.method != .options, !context.viaBearerToken,
              !request.uri.path.hasPrefix("/api/v1/public/") else {
            return try await next(request, context)
        }
        var request = request
        var context = context
        var presented = request.headers[.init("X-CSRF-Token")!] ?? request.uri.queryParameters.get("_csrf")
        if presented == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let form = try await FormBody.read(&request, context: context)
            context.cachedForm = form
            presented = form["_csrf"]
        }
        guard let presented, !context.csrfToken.isEmpty, Self.constantTimeEqual(presented, context.csrfToken) else {
            throw WebError.csrf
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
