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
    /// The client address, used only in memory by the login throttle; never stored or logged.
    public let remoteAddress: String?
    /// A form body already read by the CSRF check, so handlers need not read it again.
    var cachedForm: FormBody?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON and form bodies are small; file uploads stream past this limit on their own routes.
    public var maxUploadSize: Int { 1 << 20 }
}
