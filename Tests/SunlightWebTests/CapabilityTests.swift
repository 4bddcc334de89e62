import Foundation
import HummingbirdTesting
import SunlightDomain
import SunlightStorage
import SunlightTestSupport
@testable import SunlightWeb
import Testing

/// Issue 19, item 1: capabilities register themselves. What they declare must fit together —
/// no word defined twice, every home and link in a section of the product map, every API path
/// they describe answered by a route they add — and the application must be exactly what they
/// declare.
@Suite("Capabilities")
struct CapabilityTests {
    @Test func noWordIsDefinedTwice() {
        var owner: [String: String] = [:]
        for key in Strings.table.keys { owner[key] = "Strings" }
        for capability in Capabilities.all {
            for key in capability.strings.keys {
                #expect(owner[key] == nil, "\(key) is defined by \(owner[key] ?? "") and \(capability)")
                owner[key] = "\(capability)"
            }
        }
        #expect(Strings.all.count == owner.count)
        for (key, value) in Strings.all { #expect(!value.zh.isEmpty && !value.en.isEmpty, "\(key) lacks a language") }
    }

    @Test func homesAndLinksBelongToSectionsOfTheProductMap() {
        let slugs = Set(ProductMap.sections.map(\.slug))
        var seen: Set<String> = []
        for capability in Capabilities.all {
            guard let home = capability.home else { continue }
            #expect(slugs.contains(home.section), "\(capability) is home of an unknown section \(home.section)")
            #expect(seen.insert(home.section).inserted, "two capabilities are home of \(home.section)")
        }
        for role in Role.allCases {
            let viewer = NavigationViewer(principal: Principal(userID: 1, username: "u", role: role, unitCode: "360426"),
                                          path: "/", language: .zh)
            for link in Capabilities.navigation(viewer) {
                #expect(slugs.contains(link.section), "\(link.href) is under an unknown section \(link.section)")
                #expect(link.href.hasPrefix("/") && !link.label.isEmpty)
            }
        }
        // The sections not built yet have no home: the map says so rather than link nowhere.
        #expect(ProductMap.sections.first { $0.slug == "rectification" }?.path == nil)
        #expect(ProductMap.sections.first { $0.slug == "talks" }?.path == "/talks")
    }

    /// Every path in the OpenAPI document, with the methods it lists, is a route some
    /// capability added — and every `/api/v1` route is in the document.
    @Test func theAPIDocumentIsWhatTheCapabilitiesRoute() async throws {
        let fixture = try await WebFixture.make()
        let routes = fixture.router.routes.map { ($0.path.description, $0.method.rawValue.lowercased()) }
        await fixture.test.close()
        let routed = Set(routes.filter { $0.0.hasPrefix("/api/v1") }.map { Self.normalise($0.0) + " " + $0.1 })
        let document = OpenAPIDocument.document()
        let paths = try #require(document["paths"] as? [String: Any])
        var documented: Set<String> = []
        for (path, item) in paths {
            guard let item = item as? [String: Any] else { continue }
            for method in item.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                documented.insert(Self.normalise(path) + " " + method)
            }
        }
        // Dataset paths are one route each (`/api/v1/:dataset`), documented once per dataset.
        let datasetRoutes = routed.filter { $0.contains("{dataset}") }
        // The document does not describe itself.
        let concreteRouted = routed.subtracting(datasetRoutes).subtracting(["/api/v1/openapi.json get"])
        let concreteDocumented = documented.filter { doc in
            concreteRouted.contains(doc) || !datasetRoutes.contains { Self.matches(doc, $0) }
        }
        #expect(concreteDocumented == concreteRouted,
                "documented only: \(concreteDocumented.subtracting(concreteRouted)); routed only: \(concreteRouted.subtracting(concreteDocumented))")
        for route in datasetRoutes {
            #expect(documented.contains { Self.matches($0, route) }, "\(route) is routed but no dataset documents it")
        }
    }

    /// `/api/v1/:dataset/:id` and `/api/v1/people/{id}` both become `/api/v1/{dataset}/{id}` or
    /// `/api/v1/people/{id}`.
    static func normalise(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }

    /// Whether a documented path and method is an instance of a parameterised route.
    static func matches(_ documented: String, _ route: String) -> Bool {
        let (docPath, docMethod) = split(documented)
        let (routePath, routeMethod) = split(route)
        guard docMethod == routeMethod else { return false }
        let a = docPath.split(separator: "/"), b = routePath.split(separator: "/")
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { $0 == $1 || $1 == "{dataset}" }
    }

    private static func split(_ text: String) -> (String, String) {
        let parts = text.split(separator: " ")
        return (String(parts[0]), String(parts[1]))
    }
}
