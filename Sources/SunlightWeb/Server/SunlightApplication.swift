import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import SunlightImport
import SunlightStorage

/// Builds the web application: middleware in the order that makes the guarantees hold
/// (errors rendered → security headers on everything → metrics and logs → who is asking →
/// CSRF on every state change), then the pages and the API.
public enum SunlightApplication {
    /// The Prometheus registry behind `/metrics`, bootstrapped once per process.
    static let metricsRegistry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    public static func build(ledger: Ledger, configuration: WebConfiguration, checkpointInterval: Duration? = nil,
                             logger: Logger = Logger(label: "sunlight.web")) async throws -> some ApplicationProtocol {
        let router = try await router(ledger: ledger, configuration: configuration)
        var services: [any Service] = []
        if let checkpointInterval { services.append(CheckpointService(ledger: ledger, interval: checkpointInterval, logger: logger)) }
        return application(router: router, configuration: configuration, services: services, logger: logger)
    }

    /// The server around a router, with the limits that keep it reachable under a slow or
    /// connection-hoarding client:
    ///
    /// * an idle timeout (`idleTimeoutSeconds`): a connection that has not delivered a complete
    ///   request head for that long — a half-sent request, a header trickled byte by byte, an
    ///   idle keep-alive — is closed (Hummingbird's `HTTPConnectionStateHandler` counts from the
    ///   connection's start and from each request part read; a request being answered is never
    ///   cut off);
    /// * a connection cap (`maxConnections`): beyond it the server stops accepting, and new
    ///   connections wait in the kernel's listen backlog until the idle timeout frees a place,
    ///   instead of the process running out of file descriptors (which also stops the database
    ///   from opening files);
    /// * Hummingbird's header limits (80 KiB of fields) bound what one request head may hold.
    public static func application(router: Router<AppRequestContext>, configuration: WebConfiguration, services: [any Service] = [],
                                   logger: Logger = Logger(label: "sunlight.web"),
                                   onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(configuration.idleTimeoutSeconds * 1000)))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Sunlight",
                                 availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)),
            services: services,
            onServerRunning: onServerRunning,
            logger: logger
        )
    }

    /// The router alone, for tests that drive it without a socket.
    public static func router(ledger: Ledger, configuration: WebConfiguration) async throws -> Router<AppRequestContext> {
        let database = ledger.database
        let recorder = Recorder(ledger: ledger)
        let renderer = try await PageRenderer.load()
        let directories = ReportVault.directories(for: database.location, override: configuration.reportDataDirectory)
        let vault = try await ReportVault.prepare(database: database, keyDirectory: directories.keys, uploads: directories.uploads,
                                                  ledgerKeys: ledger.keys, cost: configuration.receiptCost)
        let reports = ReportStore(recorder: recorder, vault: vault)
        // Migration 13's start-up step: subjects stored in the clear before it go under their reports' keys.
        try await reports.sealLegacySubjects()
        let services = Services(
            database: database, ledger: ledger, recorder: recorder, records: RecordStore(database: database),
            accounts: AccountStore(database: database, recorder: recorder, bcryptCost: configuration.bcryptCost),
            importer: Importer(recorder: recorder), renderer: renderer, configuration: configuration,
            throttle: LoginThrottle(configuration: configuration),
            findings: FindingStore(recorder: recorder), ruleRuns: RuleRunStore(database: database),
            ruleSettings: RuleSettingsStore(recorder: recorder), scanner: ScanService(recorder: recorder),
            reports: reports, clues: ClueStore(recorder: recorder, reports: reports))
        let router = Router(context: AppRequestContext.self)
        // Errors become answers inside the headers, metrics and log middleware: an error page
        // carries the security headers, and a 403 or 404 is counted and logged as itself, not 500.
        router.add(middleware: SecurityHeadersMiddleware(configuration: configuration))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ErrorMiddleware(renderer: renderer))
        // A known path with a method it does not answer: 405 and `Allow`, before sign-in.
        let routeMethods = RouteMethods()
        router.add(middleware: MethodNotAllowedMiddleware(routes: routeMethods))
        router.add(middleware: SessionMiddleware(accounts: services.accounts, configuration: configuration))
        router.add(middleware: CSRFMiddleware())
        _ = metricsRegistry
        Capabilities.addRoutes(to: router, services: services, routeMethods: routeMethods)
        return router
    }
}
