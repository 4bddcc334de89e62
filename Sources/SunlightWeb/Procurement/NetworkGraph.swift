import Foundation

/// A small graph drawn as SVG on the server: no scripts, a deterministic layout (the same data
/// always gives the same picture), presentation attributes only (the CSP forbids inline styles),
/// shapes and a letter per kind so colour is never the only cue, and a title and description for
/// screen readers. The pages put a table of the same edges under every drawing.
struct NetworkGraph {
    enum Kind: Int, CaseIterable, Comparable {
        // The shared people, machines, accounts and contacts (the evidence) sort first, so they
        // take the inner circle.
        case person, device, account, contact, company, buyer

        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

        var key: String {
            switch self {
            case .company: return "company"
            case .person: return "person"
            case .device: return "device"
            case .account: return "account"
            case .contact: return "contact"
            case .buyer: return "buyer"
            }
        }

        func glyph(_ language: Language) -> String {
            switch self {
            case .company: return language == .zh ? "企" : "C"
            case .person: return language == .zh ? "人" : "P"
            case .device: return language == .zh ? "机" : "D"
            case .account: return language == .zh ? "账" : "A"
            case .contact: return language == .zh ? "联" : "T"
            case .buyer: return language == .zh ? "招" : "B"
            }
        }

        var fill: String {
            switch self {
            case .company: return "#1d4ed8"
            case .person: return "#7a5af8"
            case .device: return "#dc6803"
            case .account: return "#039855"
            case .contact: return "#0e7490"
            case .buyer: return "#475467"
            }
        }
    }

    struct Node: Equatable {
        let id: String
        let kind: Kind
        let label: String
        var href: String? = nil
    }

    struct Edge: Equatable {
        let from: String
        let to: String
        let label: String
        var weight: Int = 1
        /// Drawn dashed (e.g. a link across tenders rather than within one).
        var dashed: Bool = false
    }

    enum Layout {
        /// The focus node in the centre, its neighbours on the inner circles, nodes two steps
        /// away on the outer ones; each group sorted by kind, then id.
        case radial(focus: String)
        /// The nodes other than `centre` on one circle in the order given (a ring of bidders),
        /// `centre` (if any) in the middle.
        case cycle(centre: String?)
    }

    struct Drawing {
        let svg: String
        let nodes: [Node]
        let edges: [Edge]
        /// Nodes left out by the cap (or left without an edge by it).
        let omitted: Int
    }

    static let maxNodes = 30

    /// Draws `nodes` (in priority order: when there are more than `maxNodes`, the first are kept)
    /// and the `edges` between kept nodes.
    static func draw(nodes allNodes: [Node], edges allEdges: [Edge], layout: Layout, idPrefix: String, title: String,
                     description: String, language: Language, maxNodes: Int = maxNodes) -> Drawing {
        // Keep the anchor, then the first others up to the cap.
        let anchor: String?
        switch layout {
        case .radial(let focus): anchor = focus
        case .cycle(let centre): anchor = centre
        }
        var seen = Set<String>()
        var unique: [Node] = []
        for node in allNodes where seen.insert(node.id).inserted { unique.append(node) }
        var kept = unique.filter { $0.id == anchor }
        for node in unique where node.id != anchor && kept.count < maxNodes { kept.append(node) }
        var keptIDs = Set(kept.map(\.id))
        var edges = allEdges.filter { keptIDs.contains($0.from) && keptIDs.contains($0.to) && $0.from != $0.to }
        // A node the cap cut off from everything is left out too.
        let linked = Set(edges.flatMap { [$0.from, $0.to] })
        kept = kept.filter { $0.id == anchor || linked.contains($0.id) }
        keptIDs = Set(kept.map(\.id))
        edges = edges.filter { keptIDs.contains($0.from) && keptIDs.contains($0.to) }
        let omitted = unique.count - kept.count

        let placed: ([String: (Double, Double)], (Double, Double))
        switch layout {
        case .radial(let focus): placed = radial(kept, edges, focus: focus)
        case .cycle(let centre): placed = cycle(kept, centre: centre)
        }
        let (positioned, size) = placed

        var body = ""
        // Edge labels crowd the centre of a busy star: then only edges away from the anchor carry
        // one (every label is in the edge's tooltip and the table under the drawing).
        let labelAll = edges.count <= 14
        for edge in edges {
            guard let a = positioned[edge.from], let b = positioned[edge.to] else { continue }
            let width = 1.2 + Double(min(max(edge.weight, 1), 6)) * 0.6
            body += "<g class=\"edge\"><line x1=\"\(f(a.0))\" y1=\"\(f(a.1))\" x2=\"\(f(b.0))\" y2=\"\(f(b.1))\" stroke=\"#98a2b3\" stroke-width=\"\(f(width))\""
            body += edge.dashed ? " stroke-dasharray=\"5 4\">" : ">"
            body += "<title>\(HTML.escape(label(of: edge.from, kept)) + " — " + HTML.escape(label(of: edge.to, kept))): \(HTML.escape(edge.label))</title></line>"
            if labelAll || (edge.from != anchor && edge.to != anchor) {
                body += "<text x=\"\(f((a.0 + b.0) / 2))\" y=\"\(f((a.1 + b.1) / 2 - 3))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#344054\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(HTML.escape(short(edge.label, 12)))</text>"
            }
            body += "</g>"
        }
        for node in kept {
            guard let (x, y) = positioned[node.id] else { continue }
            let isAnchor = node.id == anchor && node.kind != .buyer
            var shape = ""
            let fill = isAnchor ? "#b42318" : node.kind.fill
            switch node.kind {
            case .company:
                shape = "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(isAnchor ? 20 : 14)\" fill=\"\(fill)\" stroke=\"#fff\" stroke-width=\"2\"/>"
            case .person:
                shape = "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"13\" fill=\"\(fill)\" stroke=\"#101828\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>"
            case .device:
                shape = "<polygon points=\"\(f(x)),\(f(y - 15)) \(f(x + 15)),\(f(y)) \(f(x)),\(f(y + 15)) \(f(x - 15)),\(f(y))\" fill=\"\(fill)\"/>"
            case .account:
                shape = "<rect x=\"\(f(x - 15))\" y=\"\(f(y - 10))\" width=\"30\" height=\"20\" rx=\"4\" fill=\"\(fill)\"/>"
            case .contact:
                shape = "<polygon points=\"\(f(x)),\(f(y - 15)) \(f(x + 15)),\(f(y + 11)) \(f(x - 15)),\(f(y + 11))\" fill=\"\(fill)\"/>"
            case .buyer:
                shape = "<rect x=\"\(f(x - 14))\" y=\"\(f(y - 14))\" width=\"28\" height=\"28\" fill=\"\(fill)\"/>"
            }
            var group = "<g class=\"node node-\(node.kind.key)\">" + shape
            group += "<text x=\"\(f(x))\" y=\"\(f(y + 4))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#fff\">\(node.kind.glyph(language))</text>"
            group += "<text x=\"\(f(x))\" y=\"\(f(y + (isAnchor ? 34 : 28)))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#101828\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(HTML.escape(short(node.label, 9)))</text>"
            group += "<title>\(HTML.escape(node.label))</title></g>"
            if let href = node.href { group = "<a href=\"\(HTML.escape(href))\">" + group + "</a>" }
            body += group
        }
        body += legend(kept.map(\.kind), width: size.0, y: size.1 - 14, language: language)
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart network\" viewBox=\"0 0 \(Int(size.0)) \(Int(size.1))\" role=\"img\" "
            + "aria-labelledby=\"\(idPrefix)-title \(idPrefix)-desc\"><title id=\"\(idPrefix)-title\">\(HTML.escape(title))</title>"
            + "<desc id=\"\(idPrefix)-desc\">\(HTML.escape(description))</desc>" + body + "</svg>"
        return Drawing(svg: svg, nodes: kept, edges: edges, omitted: omitted)
    }

    static func label(of id: String, _ nodes: [Node]) -> String { nodes.first { $0.id == id }?.label ?? id }

    // MARK: layouts

    static func radial(_ nodes: [Node], _ edges: [Edge], focus: String) -> ([String: (Double, Double)], (Double, Double)) {
        var neighbours: [String: Set<String>] = [:]
        for edge in edges {
            neighbours[edge.from, default: []].insert(edge.to)
            neighbours[edge.to, default: []].insert(edge.from)
        }
        // Breadth-first levels from the focus; unreachable nodes last.
        var level: [String: Int] = [focus: 0]
        var frontier = [focus]
        while !frontier.isEmpty {
            var next: [String] = []
            for id in frontier {
                for other in (neighbours[id] ?? []).sorted() where level[other] == nil {
                    level[other] = level[id]! + 1
                    next.append(other)
                }
            }
            frontier = next
        }
        let deepest = (level.values.max() ?? 0) + 1
        let order: (Node, Node) -> Bool = { ($0.kind, $0.id) < ($1.kind, $1.id) }
        var groups: [[Node]] = []
        for depth in 1...deepest {
            let group = nodes.filter { $0.id != focus && (level[$0.id] ?? deepest) == depth }.sorted(by: order)
            if !group.isEmpty { groups.append(group) }
        }
        // Circles of growing radius, each holding as many nodes as fit 84 units apart; a group
        // starts on a new circle.
        var circles: [[Node]] = []
        for group in groups {
            var rest = group[...]
            while !rest.isEmpty {
                let radius = ringRadius(circles.count)
                let capacity = max(6, Int(2 * Double.pi * radius / 84))
                circles.append(Array(rest.prefix(capacity)))
                rest = rest.dropFirst(capacity)
            }
        }
        let outer = ringRadius(max(0, circles.count - 1))
        let half = circles.isEmpty ? 80.0 : outer + 70
        let width = max(560.0, 2 * half), height = 2 * half + 30
        let cx = width / 2, cy = half
        var positions: [String: (Double, Double)] = [focus: (cx, cy)]
        var angles: [String: Double] = [:]
        for (index, circle) in circles.enumerated() {
            let radius = ringRadius(index)
            let step = 2 * Double.pi / Double(circle.count)
            // Inner groups start at the top; outer ones turn so nodes sit near their parents.
            var members = circle
            var offset = -Double.pi / 2
            let parents = members.map { node -> Double? in
                let known = (neighbours[node.id] ?? []).compactMap { angles[$0] }
                guard !known.isEmpty else { return nil }
                return atan2(known.map(sin).reduce(0, +), known.map(cos).reduce(0, +))
            }
            if parents.contains(where: { $0 != nil }) {
                let paired = zip(members, parents).map { ($0, $1 ?? 10) }
                    .sorted { ($0.1, $0.0.kind, $0.0.id) < ($1.1, $1.0.kind, $1.0.id) }
                members = paired.map(\.0)
                var s = 0.0, c = 0.0
                for (slot, pair) in paired.enumerated() where pair.1 != 10 {
                    let delta = pair.1 - Double(slot) * step
                    s += sin(delta)
                    c += cos(delta)
                }
                offset = atan2(s, c)
            }
            for (slot, node) in members.enumerated() {
                let angle = offset + Double(slot) * step
                angles[node.id] = angle
                positions[node.id] = (cx + radius * cos(angle), cy + radius * sin(angle))
            }
        }
        return (positions, (width, height))
    }

    static func ringRadius(_ index: Int) -> Double { 140 + 105 * Double(index) }

    static func cycle(_ nodes: [Node], centre: String?) -> ([String: (Double, Double)], (Double, Double)) {
        let ring = nodes.filter { $0.id != centre }
        let radius = ring.count > 8 ? 190.0 : 140.0
        let width = 2 * radius + 220, height = 2 * radius + 120
        let cx = width / 2, cy = radius + 50
        var positions: [String: (Double, Double)] = [:]
        if let centre { positions[centre] = (cx, cy) }
        for (index, node) in ring.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(1, ring.count))
            positions[node.id] = (cx + radius * cos(angle), cy + radius * sin(angle))
        }
        return (positions, (width, height))
    }

    // MARK: pieces

    static func legend(_ kinds: [Kind], width: Double, y: Double, language: Language) -> String {
        let present = Kind.allCases.filter { kinds.contains($0) }
        var out = ""
        var x = 12.0
        for kind in present {
            out += "<rect x=\"\(f(x))\" y=\"\(f(y - 10))\" width=\"12\" height=\"12\" fill=\"\(kind.fill)\"/>"
            let text = "\(kind.glyph(language)) \(Strings.text("network_kind_" + kind.key, language))"
            out += "<text x=\"\(f(x + 16))\" y=\"\(f(y))\" font-size=\"11\" fill=\"#344054\">\(HTML.escape(text))</text>"
            x += 16 + Double(text.count) * (language == .zh ? 11 : 6.5) + 14
        }
        return out
    }

    static func short(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Share of award value per supplier, one stacked bar per year; the eight largest suppliers
/// overall keep one colour across the years, the rest are grey.
enum ShareBars {
    static let palette = ["#1d4ed8", "#b42318", "#039855", "#dc6803", "#7a5af8", "#0e7490", "#c11574", "#4d7c0f"]

    struct Year {
        let year: String
        let total: Int64
        /// (supplier id, label, amount, permille)
        let parts: [(String, String, Int64, Int)]
    }

    static func svg(_ years: [Year], idPrefix: String, title: String, description: String, othersLabel: String) -> String {
        var overall: [String: (String, Int64)] = [:]
        for year in years { for part in year.parts { overall[part.0, default: (part.1, 0)].1 += part.2 } }
        let ranked = overall.sorted { ($1.value.1, $0.key) < ($0.value.1, $1.key) }.prefix(palette.count).map(\.key)
        let colour = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1, palette[$0]) })
        let labelWidth = 60.0, barWidth = 560.0, rowHeight = 34.0, width = labelWidth + barWidth + 20
        let legendRows = Int((Double(ranked.count + 1) / 3).rounded(.up))
        let height = Double(years.count) * rowHeight + 16 + Double(legendRows) * 18 + 8
        var body = ""
        for (index, year) in years.enumerated() {
            let y = 8 + Double(index) * rowHeight
            body += "<text x=\"\(NetworkGraph.f(labelWidth - 8))\" y=\"\(NetworkGraph.f(y + 20))\" font-size=\"13\" text-anchor=\"end\" fill=\"#344054\">\(HTML.escape(year.year))</text>"
            var x = labelWidth
            for part in year.parts where part.3 > 0 {
                let w = barWidth * Double(part.3) / 1000
                let fill = colour[part.0] ?? "#d0d5dd"
                let share = percent(part.3)
                body += "<rect x=\"\(NetworkGraph.f(x))\" y=\"\(NetworkGraph.f(y + 4))\" width=\"\(NetworkGraph.f(w))\" height=\"\(NetworkGraph.f(rowHeight - 10))\" fill=\"\(fill)\" stroke=\"#fff\" stroke-width=\"1\"><title>\(HTML.escape(year.year)) \(HTML.escape(part.1)): \(share)</title></rect>"
                if w >= 44 {
                    body += "<text x=\"\(NetworkGraph.f(x + w / 2))\" y=\"\(NetworkGraph.f(y + 21))\" font-size=\"11\" text-anchor=\"middle\" fill=\"\(colour[part.0] == nil ? "#101828" : "#fff")\">\(share)</text>"
                }
                x += w
            }
        }
        var ly = 8 + Double(years.count) * rowHeight + 14
        var lx = labelWidth
        for (index, id) in ranked.enumerated().map({ ($0.offset, $0.element) }) + [(ranked.count, "")] {
            let label = id.isEmpty ? othersLabel : overall[id]!.0
            body += "<rect x=\"\(NetworkGraph.f(lx))\" y=\"\(NetworkGraph.f(ly - 10))\" width=\"12\" height=\"12\" fill=\"\(id.isEmpty ? "#d0d5dd" : colour[id]!)\"/>"
            body += "<text x=\"\(NetworkGraph.f(lx + 16))\" y=\"\(NetworkGraph.f(ly))\" font-size=\"11\" fill=\"#344054\">\(HTML.escape(NetworkGraph.short(label, 14)))</text>"
            if index % 3 == 2 { lx = labelWidth; ly += 18 } else { lx += barWidth / 3 }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
            + "aria-labelledby=\"\(idPrefix)-title \(idPrefix)-desc\"><title id=\"\(idPrefix)-title\">\(HTML.escape(title))</title>"
            + "<desc id=\"\(idPrefix)-desc\">\(HTML.escape(description))</desc>" + body + "</svg>"
    }

    /// 1000 ‰ → "100.0%".
    static func percent(_ permille: Int) -> String { "\(permille / 10).\(permille % 10)%" }
}
