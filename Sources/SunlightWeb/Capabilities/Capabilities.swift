import Hummingbird

/// The list of capabilities: the one place a new capability is added at the web layer (its
/// tables go in `SchemaMigrations.components`). The order is the navigation's order within a
/// section and the order routes are added (which the router does not depend on: it matches
/// constant path segments before parameters).
enum Capabilities {
    static let all: [any Capability.Type] = [
        OperationsCapability.self,
        SessionsCapability.self,
        RegistryCapability.self,
        ImportsCapability.self,
        AccountsCapability.self,
        LedgerCapability.self,
        SupervisionCapability.self,
        ProcurementCapability.self,
        ReportsCapability.self,
        TalksCapability.self,
    ]

    /// Each built section's entry page, by section slug.
    static let homes: [String: String] = {
        var homes: [String: String] = [:]
        for capability in all { if let home = capability.home { homes[home.section] = home.path } }
        return homes
    }()

    /// Every capability's words, merged. (`CapabilityTests` checks no key is defined twice.)
    static let strings: [String: (zh: String, en: String)] = {
        var table: [String: (zh: String, en: String)] = [:]
        for capability in all { table.merge(capability.strings) { first, _ in first } }
        return table
    }()

    /// The navigation links of every capability for this viewer, ranked within each section.
    static func navigation(_ viewer: NavigationViewer) -> [NavigationLink] {
        let links = all.flatMap { $0.navigation(viewer) }
        // A stable sort: capabilities' order breaks ties.
        return links.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
    }

    /// Builds every capability and adds its routes; then lets each refine the methods the
    /// 405 middleware reports.
    static func addRoutes(to router: Router<AppRequestContext>, services: Services, routeMethods: RouteMethods) {
        let built = all.map { $0.init(services: services) }
        for capability in built { capability.addRoutes(to: router) }
        routeMethods.load(router.routeMethods)
        for capability in built { capability.refineMethods(routeMethods) }
    }
}
