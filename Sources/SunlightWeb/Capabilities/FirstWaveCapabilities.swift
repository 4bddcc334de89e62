import Hummingbird
import SunlightContract
import SunlightStorage

// The first wave's capabilities, each a thin declaration over the route groups (pages and API)
// it already had. New capabilities put their declaration beside their pages instead.

/// Health, metrics, static files and the OpenAPI document.
struct OperationsCapability: Capability {
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) {
        OperationsRoutes(services: services, metrics: SunlightApplication.metricsRegistry).register(on: router)
        OpenAPIRoute().register(on: router)
    }
}

/// Signing in and out, the home page, the language switch, the not-yet-built sections.
struct SessionsCapability: Capability {
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) { SessionPages(services: services).register(on: router) }
}

/// The registry (units, people, relatives, households, companies, roles) and the government
/// datasets read by supervision: pages, the record API, and the links to each dataset the
/// viewer may read.
struct RegistryCapability: Capability {
    static let home: SectionHome? = SectionHome(section: "registry", path: "/units")
    let services: Services

    static func navigation(_ viewer: NavigationViewer) -> [NavigationLink] {
        [NavigationLink(section: "registry", href: "/units", label: Strings.text("unit_tree", viewer.language),
                        active: viewer.path == "/units")]
            + datasetLinks(Registry.all, section: "registry", viewer)
            // Government data is read by supervision: listed under it, after its own pages.
            + datasetLinks(GovernmentData.all, section: "supervision", viewer).map { link in
                var link = link
                link.rank = 10
                return link
            }
    }

    private static func datasetLinks(_ datasets: [Dataset], section: String, _ viewer: NavigationViewer) -> [NavigationLink] {
        datasets.filter { AccessPolicy.allows(viewer.principal.role, .read, on: $0) }.map { dataset in
            let target = "/registry/\(dataset.pathSegment)"
            return NavigationLink(section: section, href: target,
                                  label: viewer.language == .zh ? dataset.nameZh : dataset.nameEn, active: viewer.path.hasPrefix(target))
        }
    }

    static func describeAPI(_ api: inout APIDescription) { OpenAPIDocument.registryPaths(&api) }

    func addRoutes(to router: Router<AppRequestContext>) {
        UnitTreePage(services: services).register(on: router)
        RegistryPages(services: services).register(on: router)
        RegistryAPI(services: services).register(on: router)
    }

    func refineMethods(_ routes: RouteMethods) { RegistryAPI.refine(routes) }
}

/// Imports of registry, government data and OCDS files: the upload pages and the import API.
struct ImportsCapability: Capability {
    static let home: SectionHome? = SectionHome(section: "imports", path: "/imports")
    let services: Services

    static func describeAPI(_ api: inout APIDescription) { OpenAPIDocument.importPaths(&api.paths, &api.schemas) }

    func addRoutes(to router: Router<AppRequestContext>) {
        ImportPages(services: services).register(on: router)
        ImportAPI(services: services).register(on: router)
    }
}

/// Accounts and API tokens, for administrators.
struct AccountsCapability: Capability {
    static let strings = AccountStrings.table
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) { UserAdminPages(services: services).register(on: router) }
}

/// The tamper-evident ledger: its pages and the witnesses' API (checkpoints and proofs).
struct LedgerCapability: Capability {
    static let home: SectionHome? = SectionHome(section: "ledger", path: "/ledger")
    let services: Services

    static func describeAPI(_ api: inout APIDescription) { OpenAPIDocument.ledgerPaths(&api.paths) }

    func addRoutes(to router: Router<AppRequestContext>) {
        LedgerPages(services: services).register(on: router)
        LedgerAPI(services: services).register(on: router)
    }
}

/// Data supervision: findings and their review, the rules and their parameters, scans.
struct SupervisionCapability: Capability {
    static let home: SectionHome? = SectionHome(section: "supervision", path: "/findings")
    let services: Services

    static func navigation(_ viewer: NavigationViewer) -> [NavigationLink] {
        [NavigationLink(section: "supervision", href: "/findings", label: Strings.text("findings", viewer.language),
                        active: viewer.path == "/findings"),
         NavigationLink(section: "supervision", href: "/rules", label: Strings.text("rules", viewer.language),
                        active: viewer.path.hasPrefix("/rules"))]
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        FindingsPages(services: services).register(on: router)
        RulesPages(services: services).register(on: router)
    }
}

/// Procurement red flags: buyers, processes, bidder and company networks.
struct ProcurementCapability: Capability {
    static let home: SectionHome? = SectionHome(section: "procurement", path: "/procurement")
    static let strings = ProcurementStrings.table
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) { NetworkPages(services: services).register(on: router) }
}

/// Reports and clues: the public portal and its JSON API, intake, clue handling with its
/// deadlines, and the statistics.
struct ReportsCapability: Capability {
    static let home: SectionHome? = SectionHome(section: "reports", path: "/reports")
    static let strings = ReportStrings.table
    let services: Services

    static func navigation(_ viewer: NavigationViewer) -> [NavigationLink] {
        let role = viewer.principal.role
        guard AccessPolicy.handlesReports(role) || AccessPolicy.approvesDispositions(role) else { return [] }
        let path = viewer.path
        let language = viewer.language
        return [
            NavigationLink(section: "reports", href: "/reports", label: Strings.text("reports", language), active: path.hasPrefix("/reports")),
            NavigationLink(section: "reports", href: "/clues", label: Strings.text("clues", language),
                           active: path == "/clues" || path.hasPrefix("/clues/") && path != "/clues/deadlines"),
            NavigationLink(section: "reports", href: "/clues/deadlines", label: Strings.text("deadline_board", language),
                           active: path == "/clues/deadlines"),
            NavigationLink(section: "reports", href: "/portal", label: Strings.text("portal_link", language), active: path.hasPrefix("/portal")),
        ]
    }

    static func describeAPI(_ api: inout APIDescription) {
        for (path, item) in PublicReportSchema.paths(error: OpenAPIDocument.errorResponse) { api.paths[path] = item }
        for (name, schema) in PublicReportSchema.schemas { api.schemas[name] = schema }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let configuration = services.configuration
        let guardian = PortalGuard(minimumAge: configuration.portalMinimumSeconds, limitScale: configuration.portalLimitScale)
        PortalPages(services: services, reports: services.reports, guardian: guardian).register(on: router)
        PublicReportAPI(reports: services.reports, guardian: guardian, requiresChallenge: configuration.publicAPIChallenge)
            .register(on: router)
        ReportPages(services: services, reports: services.reports, clues: services.clues).register(on: router)
        CluePages(services: services, clues: services.clues).register(on: router)
        StatisticsPages(services: services, clues: services.clues).register(on: router)
    }
}

/// Integrity talks and each person's integrity file.
struct TalksCapability: Capability {
    static let home: SectionHome? = SectionHome(section: "talks", path: "/talks")
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) {
        TalkPages(services: services, talks: TalkStore(recorder: services.recorder), clues: services.clues).register(on: router)
    }
}
