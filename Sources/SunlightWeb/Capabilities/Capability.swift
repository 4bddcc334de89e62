import Hummingbird
import SunlightStorage

/// One capability of the product — registry, supervision, reports and clues, talks, … — as the
/// web layer serves it. Everything a capability adds to the shared parts of the application it
/// declares here, from its own files: its routes, the entry point of its product-map section,
/// its navigation links, its words in both languages and its part of the OpenAPI document.
/// Its tables are its `SchemaComponent` (SunlightStorage) and its access rows are its
/// `AccessPolicy` extension (SunlightContract).
///
/// The shape follows Hummingbird's `RouterController`: a small value built from the shared
/// services that adds its routes to the router. The static parts are static because the
/// renderer and the strings table need them before any capability is built.
///
/// Adding a capability: write a type conforming to this protocol (and, if it has tables, a
/// `SchemaComponent`), then add it to `Capabilities.all` (and its schema to
/// `SchemaMigrations.components`). No other shared file changes.
protocol Capability: Sendable {
    /// The page its product-map section opens on, if this capability is that section's home.
    static var home: SectionHome? { get }
    /// Its interface words (`{{t.key}}` in templates, `Strings.text` in code). A key defined by
    /// two capabilities fails `CapabilityTests`.
    static var strings: [String: (zh: String, en: String)] { get }
    /// The links it adds under product-map sections, for the person looking.
    static func navigation(_ viewer: NavigationViewer) -> [NavigationLink]
    /// Adds its paths and schemas to the OpenAPI document of `/api/v1`.
    static func describeAPI(_ api: inout APIDescription)

    /// Builds it from the services every capability shares.
    init(services: Services)
    /// Adds its routes.
    func addRoutes(to router: Router<AppRequestContext>)
    /// Narrows the methods `MethodNotAllowedMiddleware` reports for its paths, where a path's
    /// methods depend on more than the route table (a dataset written only by imports).
    func refineMethods(_ routes: RouteMethods)
}

extension Capability {
    static var home: SectionHome? { nil }
    static var strings: [String: (zh: String, en: String)] { [:] }
    static func navigation(_ viewer: NavigationViewer) -> [NavigationLink] { [] }
    static func describeAPI(_ api: inout APIDescription) {}
    func refineMethods(_ routes: RouteMethods) {}
}

/// Where a product-map section opens, supplied by the capability that is its home.
struct SectionHome: Sendable {
    /// The section's slug in `ProductMap`.
    let section: String
    let path: String
}

/// Who is looking at the navigation, and from where.
struct NavigationViewer: Sendable {
    let principal: Principal
    let path: String
    let language: Language
}

/// A link under a product-map section.
struct NavigationLink: Sendable {
    /// The section's slug in `ProductMap`.
    let section: String
    let href: String
    let label: String
    let active: Bool
    /// Links of a section are shown by rank, then in the order capabilities are listed: a
    /// section's own pages first (0), data kept elsewhere but shown here after (10).
    var rank: Int = 0
}

/// The OpenAPI document's paths and component schemas, as capabilities add them.
struct APIDescription {
    var paths: [String: Any] = [:]
    var schemas: [String: Any] = [:]
}
