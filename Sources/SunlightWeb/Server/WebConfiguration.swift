import Foundation
import SunlightReports

/// How the web server runs.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies `Secure`. On by default when the request arrived over TLS (directly or as
    /// reported by a reverse proxy's `X-Forwarded-Proto`); this forces it for every request.
    public var forceSecureCookies: Bool
    /// Largest accepted file upload (imports), in bytes. Larger uploads get 413.
    public var maxUploadBytes: Int
    /// Failed sign-ins per account (and per account and address) that cost no delay; after
    /// them each failure doubles the wait before the next attempt is checked (`LoginThrottle`).
    public var loginAttemptsAllowed: Int
    /// How long a failure is remembered after the last one: a quiet hour forgives.
    public var loginWindowSeconds: Double
    /// The first delay once the free failures are spent; it doubles with each further failure.
    public var loginBaseDelaySeconds: Double = 1
    /// Longest wait imposed on one address for one account.
    public var loginMaxDelaySeconds: Double = 900
    /// Longest wait imposed on an account across all addresses (kept short: anyone can cause it).
    public var loginAccountMaxDelaySeconds: Double = 60
    /// Most (account, address) entries the throttle keeps; the oldest are forgotten first.
    public var loginThrottleCapacity: Int = 10_000
    /// Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed
    /// (`--trusted-proxy`). Empty: the connecting peer is the client.
    public var trustedProxies: [IPRange] = []
    /// When set, `/metrics` answers only `Authorization: Bearer <token>` (`--metrics-token`,
    /// `SUNLIGHT_METRICS_TOKEN`). When nil, `/metrics` answers only clients on loopback.
    public var metricsToken: String?
    /// `Strict-Transport-Security` max-age, sent on responses that went out over HTTPS.
    public var hstsMaxAgeSeconds: Int = 31_536_000
    /// A connection with no complete request for this long is closed (`--idle-timeout`): it
    /// bounds half-sent requests and idle keep-alives, which otherwise hold a descriptor for ever.
    public var idleTimeoutSeconds: Double = 30
    /// Most connections served at once (`--max-connections`); further ones wait in the listen
    /// backlog until one closes, instead of the process running out of descriptors.
    public var maxConnections: Int = 200
    /// bcrypt cost for passwords set through the web.
    public var bcryptCost: UInt8
    /// Where report office keys (`keys/`) and sealed attachments (`uploads/`) live; by default
    /// beside the SQLite file (`<name>-keys`, `<name>-uploads`) or in the working directory.
    public var reportDataDirectory: URL?
    /// scrypt cost of receipt codes (tests lower it).
    public var receiptCost: ReceiptHasher.Cost = .standard
    /// A portal form answered sooner than this after it was served is taken for a bot.
    public var portalMinimumSeconds: Double = 3
    /// Multiplies the public portal's rate limits (`PortalGuard`). 1 in production; only
    /// `sunlight serve --demo --api-fuzzing` raises it (`prepareForAPIFuzzing`).
    public var portalLimitScale: Int = 1
    /// Whether `POST /api/v1/public/reports` needs an answered check question, as the portal
    /// form does. Only `serve --demo --api-fuzzing` turns it off (a fuzzer cannot answer it).
    public var publicAPIChallenge = true

    /// For an API fuzzer against a throwaway demo server (`serve --demo --api-fuzzing`, used by
    /// `scripts/schemathesis.sh`): the portal's rate limits ×1000, so the reporting API is
    /// exercised rather than answered 429, no check question on the public API, and the tests' cheap scrypt cost for receipt codes
    /// (receipts issued so open only under the same setting). Never for a real installation.
    public mutating func prepareForAPIFuzzing() {
        portalLimitScale = 1000
        receiptCost = .fast
        publicAPIChallenge = false
    }

    public init(host: String = "127.0.0.1", port: Int = 8080, forceSecureCookies: Bool = false,
                maxUploadBytes: Int = 256 << 20, loginAttemptsAllowed: Int = 5, loginWindowSeconds: Double = 3600,
                bcryptCost: UInt8 = 12) {
        self.host = host
        self.port = port
        self.forceSecureCookies = forceSecureCookies
        self.maxUploadBytes = maxUploadBytes
        self.loginAttemptsAllowed = loginAttemptsAllowed
        self.loginWindowSeconds = loginWindowSeconds
        self.bcryptCost = bcryptCost
    }
}
