import Foundation
import Hummingbird
import NIOCore
import SunlightStorage

/// Per-request state: who is signed in (if anyone), their session's CSRF token, and the
/// language the response is in.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// The session's CSRF token, or the anonymous double-submit token.
    public var csrfToken: String = ""
    /// Set when the anonymous CSRF cookie must be issued with this response.
    var issueAnonymousCSRF = false
    public var sessionToken: String?
    /// Whether the user signed in with an API token (no CSRF check: no cookie involved).
    public var viaBearerToken = false
    public var language: Language = .zh
    /// Whether cookies set on the response should be `Secure`.
    public var secure = false
    /// The connecting peer's address.
    public let remoteAddress: String?
    /// The client's address: the peer's, or the one a trusted proxy reports (`ClientAddress`).
    /// Used only in memory, by the sign-in throttle and the loopback check of `/metrics`;
    /// never stored or logged.
    public var clientAddress: String?
    /// Whether the request reached us over HTTPS (directly or as a trusted proxy says): then
    /// responses carry `Strict-Transport-Security`.
    public var overHTTPS = false
    /// A form body already read by the CSRF check, so handlers need not read it again.
    var cachedForm: FormBody?
    /// Who the request turned out to be, for the request log. The log middleware runs
    /// outside `SessionMiddleware` (so it also logs requests refused there), and a context is a
    /// value: what inner middleware sets on its copy never reaches the outer one. This shared
    /// box does.
    let logIdentity = RequestLogIdentity()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
        self.clientAddress = remoteAddress
    }

    /// JSON and form bodies are small; file uploads stream past this limit on their own routes.
    public var maxUploadSize: Int { 1 << 20 }
}

/// The signed-in user's id, written by `SessionMiddleware`, read by `RequestLogMiddleware`.
/// Only the numeric id: never a name or ID number.
final class RequestLogIdentity: @unchecked Sendable {
    private let lock = NSLock()
    private var id: Int64?

    var userID: Int64? {
        get { lock.withLock { id } }
        set { lock.withLock { id = newValue } }
    }
}
