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
    /// Failed logins allowed per username and per client within `loginWindowSeconds`.
    public var loginAttemptsAllowed: Int
    public var loginWindowSeconds: Double
    /// bcrypt cost for passwords set through the web.
    public var bcryptCost: UInt8
    /// Where report office keys (`keys/`) and sealed attachments (`uploads/`) live; by default
    /// beside the SQLite file (`<name>-keys`, `<name>-uploads`) or in the working directory.
    public var reportDataDirectory: URL?
    /// scrypt cost of receipt codes (tests lower it).
    public var receiptCost: ReceiptHasher.Cost = .standard
    /// A portal form answered sooner than this after it was served is taken for a bot.
    public var portalMinimumSeconds: Double = 3

    public init(host: String = "127.0.0.1", port: Int = 8080, forceSecureCookies: Bool = false,
                maxUploadBytes: Int = 256 << 20, loginAttemptsAllowed: Int = 5, loginWindowSeconds: Double = 900,
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
