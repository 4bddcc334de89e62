import Foundation
import HTTPTypes
import Hummingbird

/// Which methods each route of the router answers, so that a request for a known path with a
/// method none of its routes answers gets **405 Method Not Allowed** and an `Allow` header
/// (RFC 9110 §15.5.6) instead of the 404 Hummingbird's router gives when a path matches but
/// the method does not.
///
/// Filled once from `Router.routes` after every route is registered (`load`), then only read.
/// A path's methods are those of every route whose pattern matches it, so a method that any
/// matching route answers is never refused here; `refine` narrows them for patterns whose
/// resource decides (`/api/v1/:dataset`: an unknown dataset is 404, an import-only one is GET).
final class RouteMethods: @unchecked Sendable {
    /// Narrows the methods of one pattern (`methods`: those registered for it) for a concrete
    /// path (its segments): nil when no such resource exists (the request goes on to its 404).
    typealias Refinement = @Sendable (_ segments: [Substring], _ methods: Set<HTTPRequest.Method>) -> Set<HTTPRequest.Method>?

    private struct Route {
        let components: [RouterPath.Element]
        let pattern: String
        var methods: Set<HTTPRequest.Method>
    }

    private let lock = NSLock()
    private var routes: [Route] = []
    private var refinements: [String: Refinement] = [:]

    /// Takes the router's routes (call after registering them all).
    func load(_ descriptions: [(path: RouterPath, method: HTTPRequest.Method)]) {
        var byPattern: [String: Route] = [:]
        var order: [String] = []
        for (path, method) in descriptions {
            let pattern = path.description
            if byPattern[pattern] == nil {
                byPattern[pattern] = Route(components: Array(path.components), pattern: pattern, methods: [])
                order.append(pattern)
            }
            byPattern[pattern]!.methods.insert(method)
        }
        lock.withLock { routes = order.map { byPattern[$0]! } }
    }

    /// Narrows the methods of the route registered as `pattern` (as `RouterPath` prints it).
    func refine(_ pattern: RouterPath, _ refinement: @escaping Refinement) {
        lock.withLock { refinements[pattern.description] = refinement }
    }

    /// The methods the routes matching `path` answer, or nil when no route matches it.
    func methods(forPath path: String) -> Set<HTTPRequest.Method>? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let (routes, refinements) = lock.withLock { (self.routes, self.refinements) }
        var found: Set<HTTPRequest.Method>?
        for route in routes where Self.matches(route.components, segments) {
            var methods = route.methods
            if let refine = refinements[route.pattern] {
                guard let narrowed = refine(segments, methods) else { continue }
                methods = narrowed
            }
            found = (found ?? []).union(methods)
        }
        return found
    }

    /// The `Allow` header value: methods in a fixed order, comma-separated.
    static func allowHeader(_ methods: Set<HTTPRequest.Method>) -> String {
        methods.map(\.rawValue).sorted().joined(separator: ", ")
    }

    /// Whether a route's components match the path's segments, as the router's trie matches
    /// them (`**` takes one or more segments, up to the end).
    private static func matches(_ components: [RouterPath.Element], _ segments: [Substring]) -> Bool {
        var index = 0
        for (position, component) in components.enumerated() {
            if component.description == "**" {
                return position == components.count - 1 && index < segments.count
            }
            guard index < segments.count, component ~= segments[index] else { return false }
            index += 1
        }
        return index == segments.count
    }
}

/// Answers 405 with `Allow` for a known path asked with a method it does not answer, before
/// sign-in and CSRF checks (the method is wrong whoever asks; the routes are public anyway,
/// as the OpenAPI document lists them). Paths no route matches go on to their 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let methods = routes.methods(forPath: request.uri.path), !methods.contains(request.method) {
            throw WebError.methodNotAllowed(allow: methods)
        }
        return try await next(request, context)
    }
}

extension Router where Context == AppRequestContext {
    /// Every registered route as (path, method), for `RouteMethods.load`.
    var routeMethods: [(path: RouterPath, method: HTTPRequest.Method)] {
        routes.map { ($0.path, $0.method) }
    }
}
