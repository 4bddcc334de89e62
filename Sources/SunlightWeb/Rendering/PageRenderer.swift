import Foundation
import Hummingbird
import Mustache
import SunlightContract
import SunlightStorage

/// Renders server-side pages from the Mustache templates shipped in the module's resources,
/// with what every page needs: the strings of the request's language, the user, the CSRF
/// token and the navigation.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebError(status: .internalServerError, code: "templates", messageZh: "找不到页面模板", messageEn: "page templates missing")
        }
        return PageRenderer(library: try library(directory: directory))
    }

    /// Every template in `directory`, each rendered with `ScalarHTMLContentType`: a pragma put
    /// before its first line sets the escaping for it and the partials and parents it renders
    /// (swift-mustache's own HTML escaping compares grapheme clusters; see `HTML`).
    static func library(directory: URL) throws -> MustacheLibrary {
        MustacheContentTypes.register(ScalarHTMLContentType(), named: ScalarHTMLContentType.name)
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mustache" }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            try library.register("{{% CONTENT_TYPE: \(ScalarHTMLContentType.name)}}" + text, named: file.deletingPathExtension().lastPathComponent)
        }
        return library
    }

    func render(_ template: String, title: String, request: Request, context: AppRequestContext,
                values: [String: Any] = [:], status: HTTPResponse.Status = .ok, flash: String? = nil) -> Response {
        var object = baseValues(title: title, request: request, context: context)
        if let flash { object["flash"] = flash }
        for (key, value) in values { object[key] = value }
        let html = library.render(object, withTemplate: template) ?? "template \(template) missing"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private func baseValues(title: String, request: Request, context: AppRequestContext) -> [String: Any] {
        let language = context.language
        let path = request.uri.path
        var values: [String: Any] = [
            "t": Strings.dictionary(for: language),
            "title": title,
            "htmlLang": language.htmlLang,
            "otherLang": language.other.rawValue,
            "otherHtmlLang": language.other.htmlLang,
            "csrf": context.csrfToken,
            "currentPath": request.uri.description,
            "homeActive": path == "/",
        ]
        if let principal = context.principal {
            values["user"] = [
                "username": principal.username,
                "roleLabel": language == .zh ? principal.role.labelZh : principal.role.labelEn,
            ]
            values["isAdmin"] = principal.role == .admin
            values["nav"] = navigation(path: path, language: language, principal: principal)
        }
        return values
    }

    private func navigation(path: String, language: Language, principal: Principal) -> [[String: Any]] {
        ProductMap.sections.map { section in
            var item: [String: Any] = [
                "slug": section.slug,
                "label": language == .zh ? section.zh : section.en,
                "active": section.path.map { path == $0 } ?? false || path == "/sections/\(section.slug)",
            ]
            item["built"] = section.path != nil
            if let target = section.path { item["href"] = target }
            if section.slug == "registry" {
                var children: [[String: Any]] = [[
                    "href": "/units", "label": Strings.text("unit_tree", language), "active": path == "/units",
                ]]
                children += datasetLinks(Registry.all, principal: principal, language: language, path: path)
                item["children"] = children
            }
            if section.slug == "reports", AccessPolicy.handlesReports(principal.role) || AccessPolicy.approvesDispositions(principal.role) {
                item["children"] = [
                    ["href": "/reports", "label": Strings.text("reports", language), "active": path.hasPrefix("/reports")],
                    ["href": "/clues", "label": Strings.text("clues", language), "active": path == "/clues" || path.hasPrefix("/clues/") && path != "/clues/deadlines"],
                    ["href": "/clues/deadlines", "label": Strings.text("deadline_board", language), "active": path == "/clues/deadlines"],
                    ["href": "/portal", "label": Strings.text("portal_link", language), "active": path.hasPrefix("/portal")],
                ] as [[String: Any]]
            }
            if section.slug == "supervision" {
                var children: [[String: Any]] = []
                if section.path != nil {
                    children.append(["href": "/findings", "label": Strings.text("findings", language), "active": path == "/findings"])
                    children.append(["href": "/rules", "label": Strings.text("rules", language), "active": path.hasPrefix("/rules")])
                }
                children += datasetLinks(GovernmentData.all, principal: principal, language: language, path: path)
                item["children"] = children
            }
            return item
        }
    }

    private func datasetLinks(_ datasets: [Dataset], principal: Principal, language: Language, path: String) -> [[String: Any]] {
        datasets.filter { AccessPolicy.allows(principal.role, .read, on: $0) }.map { dataset in
            let target = "/registry/\(dataset.pathSegment)"
            return ["href": target, "label": language == .zh ? dataset.nameZh : dataset.nameEn, "active": path.hasPrefix(target)]
        }
    }
}
