import Mustache

/// What every page shows around its content (`layout.mustache`): the words of the reader's
/// language, the title, the language switch, the CSRF token, the signed-in user and the
/// navigation.
struct PageChrome {
    struct User {
        let username: String
        let roleLabel: String
    }

    struct Section {
        struct Link {
            let href: String
            let label: String
            let active: Bool
        }

        let slug: String
        let label: String
        let active: Bool
        let built: Bool
        let href: String?
        let children: [Link]
    }

    let t: [String: String]
    let title: String
    let htmlLang: String
    let otherLang: String
    let otherHtmlLang: String
    let csrf: String
    let currentPath: String
    let homeActive: Bool
    var flash: String?
    var user: User?
    var isAdmin = false
    var nav: [Section] = []
}

/// One choice of a `<select>` (or a radio group): its value, its words, whether it is chosen.
/// Shared by every page model that offers choices.
struct SelectOption {
    let value: String
    let label: String
    let selected: Bool
}

/// A page as a template sees it: a name is looked up in the page's own model first, then in the
/// chrome — so a page's `flash` or `title` wins, as its dictionary's keys did. A struct model's
/// properties are read once, here, not by reflection at every lookup (templates look up `t`
/// hundreds of times).
struct Page<Content>: MustacheParent {
    private let content: [String: Any]
    private let chrome: [String: Any]
    private let words: [String: String]

    init(chrome: PageChrome, content: Content) {
        self.content = Self.properties(of: content)
        self.chrome = Self.properties(of: chrome)
        self.words = chrome.t
    }

    func child(named name: String) -> Any? {
        if name == "t" { return words }
        return content[name] ?? chrome[name]
    }

    /// A model's properties by name, without the absent optionals (so the chrome's value shows
    /// through, as a missing dictionary key let it).
    private static func properties(of model: Any) -> [String: Any] {
        if let dictionary = model as? [String: Any] { return dictionary }
        var properties: [String: Any] = [:]
        for child in Mirror(reflecting: model).children {
            guard let label = child.label else { continue }
            let value = Mirror(reflecting: child.value)
            if value.displayStyle == .optional {
                if let wrapped = value.children.first?.value { properties[label] = wrapped }
            } else {
                properties[label] = child.value
            }
        }
        return properties
    }
}
