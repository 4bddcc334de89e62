import Hummingbird
import SunlightContract
import SunlightStorage

/// The unit tree: county → departments and townships → villages, as nested lists (readable
/// without JavaScript and by screen readers), limited to the units the user may see.
struct UnitTreePage {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get("/units", use: tree)
    }

    @Sendable func tree(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = Registry.units
        let principal = try context.require(.read, on: dataset)
        var all: [StoredRecord] = []
        var page = 1
        while true {
            let batch = try await services.records.list(dataset, query: RecordQuery(page: page, perPage: 500), reach: principal.reach)
            all += batch.items
            if all.count >= batch.total || batch.items.isEmpty || all.count >= 20_000 { break }
            page += 1
        }
        let codes = Set(all.compactMap { $0.record["unit_code"].text })
        var children: [String: [StoredRecord]] = [:]
        var roots: [StoredRecord] = []
        for unit in all {
            if let parent = unit.record["parent_code"].text, codes.contains(parent) {
                children[parent, default: []].append(unit)
            } else {
                roots.append(unit)
            }
        }
        let language = context.language
        let kindField = dataset.field(named: "kind")!
        func render(_ units: [StoredRecord], depth: Int) -> String {
            guard !units.isEmpty, depth < 12 else { return "" }
            var html = "<ul>"
            for unit in units.sorted(by: { ($0.record["unit_code"].text ?? "") < ($1.record["unit_code"].text ?? "") }) {
                let code = unit.record["unit_code"].text ?? ""
                html += "<li><a href=\"/registry/units/\(unit.id)\">\(HTML.escape(unit.record["name"].text ?? code))</a>"
                html += "<span class=\"kind\">\(HTML.escape(code)) · \(HTML.escape(RecordDisplay.value(unit.record["kind"], kindField, language)))</span>"
                html += render(children[code] ?? [], depth: depth + 1)
                html += "</li>"
            }
            return html + "</ul>"
        }
        return services.renderer.render("units", title: Strings.text("unit_tree", language), request: request, context: context,
                                        values: ["tree": all.map(\.id), "treeHTML": render(roots, depth: 0),
                                                 "canWrite": AccessPolicy.allows(principal.role, .write, on: dataset)])
    }
}
