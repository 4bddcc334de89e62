import Foundation
import Hummingbird
import Logging
import SunlightDomain
import SunlightStorage

/// Turns errors into answers a person or a program can use: a bilingual page for the browser,
/// `{"error": {"code", "message_zh", "message_en", "details"}}` for the API. Unexpected errors
/// are logged (without request data) and answered with a generic 500; the server keeps running.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as WebError {
            return respond(error, request: request, context: context)
        } catch is RecordNotFound {
            // A store's scoped lookup found nothing the principal may see: the same answer as a
            // missing record, so a hidden clue or report is indistinguishable from none.
            return respond(.notFound, request: request, context: context)
        } catch let error as any BilingualError {
            // Every domain and store refusal (a clue step, a report's input, a duplicate key…).
            return respond(WebError(error), request: request, context: context)
        } catch let error as any HTTPResponseError {
            // Hummingbird's own errors and those it gives a status (a body over its limit is
            // NIO's `NIOTooManyBytesError`: 413, never a 500).
            let webError: WebError
            switch error.status {
            case .contentTooLarge: webError = .tooLarge(limit: context.maxUploadSize)
            case .notFound: webError = .notFound
            default:
                webError = WebError(status: error.status, code: "http_\(error.status.code)",
                                    messageZh: Strings.text("error_body", .zh),
                                    messageEn: (error as? HTTPError)?.body ?? Strings.text("error_body", .en))
            }
            return respond(webError, request: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["type": "\(type(of: error))"])
            return respond(WebError(status: .internalServerError, code: "internal",
                                    messageZh: Strings.text("error_body", .zh), messageEn: Strings.text("error_body", .en)),
                           request: request, context: context)
        }
    }

    private func respond(_ error: WebError, request: Request, context: Context) -> Response {
        var response = render(error, request: request, context: context)
        if let allow = error.allow { response.headers[.allow] = RouteMethods.allowHeader(allow) }
        return response
    }

    private func render(_ error: WebError, request: Request, context: Context) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            return APIResponse.error(error)
        }
        if error.status == .unauthorized {
            let back = request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(back)"])
        }
        let heading: String
        switch error.status {
        case .forbidden: heading = Strings.text(error.code == "csrf" ? "error_title" : "forbidden_title", context.language)
        case .notFound: heading = Strings.text("not_found_title", context.language)
        default: heading = Strings.text("error_title", context.language)
        }
        return renderer.render("message", title: heading, request: request, context: context,
                               values: ["heading": heading, "body": error.message(context.language)], status: error.status)
    }
}
