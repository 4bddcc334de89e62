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

    /// Renders `template` with a typed page model: `content`'s properties, then the chrome every
    /// page has (`PageChrome`: words, user, navigation, CSRF token). A struct's properties are
    /// read once (`Page`); a `[String: Any]` still works while pages move to structs.
    func render<Content>(_ template: String, title: String, request: Request, context: AppRequestContext,
                         page content: Content, status: HTTPResponse.Status = .ok, flash: String? = nil) -> Response {
        var chrome = self.chrome(title: title, request: request, context: context)
        chrome.flash = flash
        let html = library.render(Page(chrome: chrome, content: content), withTemplate: template) ?? "template \(template) missing"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The untyped form, for pages not yet given a model of their own.
    func render(_ template: String, title: String, request: Request, context: AppRequestContext,
                values: [String: Any] = [:], status: HTTPResponse.Status = .ok, flash: String? = nil) -> Response {
        render(template, title: title, request: request, context: context, page: values, status: status, flash: flash)
    }

    private func chrome(title: String, request: Request, context: AppRequestContext) -> PageChrome {
        let language = context.language
        let path = request.uri.path
        var chrome = PageChrome(t: Strings.dictionary(for: language), title: title, htmlLang: language.htmlLang,
                                otherLang: language.other.rawValue, otherHtmlLang: language.other.htmlLang, csrf: context.csrfToken,
                                currentPath: request.uri.description, homeActive: path == "/")
        if let principal = context.principal {
            chrome.user = .init(username: principal.username, roleLabel: language == .zh ? principal.role.labelZh : principal.role.labelEn)
            chrome.isAdmin = principal.role == .admin
            chrome.nav = navigation(path: path, language: language, principal: principal)
        }
        return chrome
    }

    /// The product map, each built section with the links its capabilities give this viewer.
    private func navigation(path: String, language: Language, principal: Principal) -> [PageChrome.Section] {
        let links = Capabilities.navigation(NavigationViewer(principal: principal, path: path, language: language))
        return ProductMap.sections.map { section in
            PageChrome.Section(
                slug: section.slug, label: language == .zh ? section.zh : section.en,
                active: section.path.map { path == $0 } ?? false || path == "/sections/\(section.slug)",
                built: section.path != nil, href: section.path,
                children: links.filter { $0.section == section.slug }.map { .init(href: $0.href, label: $0.label, active: $0.active) })
        }
    }
}
