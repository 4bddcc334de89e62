import Hummingbird
import Logging
import Metrics

/// Logs each request as method, route and status: never the query string (searches carry
/// names and ID numbers), never bodies, never cookies or client addresses. The signed-in
/// user is logged by numeric id only (`user_id`), as `SessionMiddleware` found it further in.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        // A receipt code in a public API path is the reporter's only key: log the route's shape.
        let route = request.uri.path.hasPrefix("/api/v1/public/reports/") ? "/api/v1/public/reports/{receipt}" : request.uri.path
        do {
            let response = try await next(request, context)
            log(context, request.method, route, response.status.code, start)
            return response
        } catch let error as any HTTPResponseError {
            log(context, request.method, route, error.status.code, start)
            throw error
        } catch {
            log(context, request.method, route, 500, start)
            throw error
        }
    }

    private func log(_ context: Context, _ method: HTTPRequest.Method, _ route: String, _ status: Int, _ start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": "\(method.rawValue)", "path": "\(route)", "status": "\(status)",
            "ms": "\(Int(ms))", "user_id": "\((context.principal?.userID ?? context.logIdentity.userID).map(String.init) ?? "-")",
        ])
    }
}
