import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Who may read `/metrics`. Its counters (requests per route and status, timings) tell an
/// outsider what the system is doing and when, so it is not public:
///
/// * with a metrics token (`--metrics-token`, or `SUNLIGHT_METRICS_TOKEN`), only a request
///   carrying `Authorization: Bearer <token>`, compared in constant time;
/// * without one, only a client on the loopback interface that did not come through a proxy
///   (no `X-Forwarded-For`, `Forwarded` or `X-Real-IP`): a Prometheus on the same machine.
///   A reverse proxy on the same machine connects from loopback too, which is why forwarded
///   requests are refused; set a token when the scraper is elsewhere.
///
/// Anyone else gets 404, as if there were no such page.
enum MetricsAccess {
    static func allows(_ request: Request, context: AppRequestContext, configuration: WebConfiguration) -> Bool {
        if let expected = configuration.metricsToken, !expected.isEmpty {
            guard let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") else { return false }
            return constantTimeEqual(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), expected)
        }
        for name in ["X-Forwarded-For", "Forwarded", "X-Real-IP"] where request.headers[HTTPField.Name(name)!] != nil { return false }
        guard let peer = context.remoteAddress else { return false }
        return loopback.contains { $0.contains(peer) }
    }

    static let loopback = [IPRange("127.0.0.0/8")!, IPRange("::1")!]

    /// Equality whose time does not depend on where the strings differ: both are hashed to 32
    /// bytes first, and every byte is compared.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(SHA256.hash(data: Data(a.utf8))), y = Array(SHA256.hash(data: Data(b.utf8)))
        var difference: UInt8 = 0
        for index in 0..<x.count { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
