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

    /// The product map, each built section with the links its capabilities give this viewer.
    private func navigation(path: String, language: Language, principal: Principal) -> [[String: Any]] {
        let links = Capabilities.navigation(NavigationViewer(principal: principal, path: path, language: language))
        return ProductMap.sections.map { section in
            var item: [String: Any] = [
                "slug": section.slug,
                "label": language == .zh ? section.zh : section.en,
                "active": section.path.map { path == $0 } ?? false || path == "/sections/\(section.slug)",
            ]
            item["built"] = section.path != nil
            if let target = section.path { item["href"] = target }
            let children: [[String: Any]] = links.filter { $0.section == section.slug }.map {
                ["href": $0.href, "label": $0.label, "active": $0.active]
            }
            if !children.isEmpty { item["children"] = children }
            return item
        }
    }
}
