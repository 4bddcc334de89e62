import Foundation
import Hummingbird
import SunlightContract
import SunlightDomain
import SunlightStorage

/// Cross-tender networks (PRODUCT.md §3): the procurement index, a company's network (co-bidders,
/// wins and losses by buyer, shared owners, machines, accounts and contacts) and a buyer's
/// supplier concentration with its bid-rotation rings, each drawn as SVG over a table of the
/// same facts.
///
/// Bids belong to no unit, so these pages are for the roles that read `tenders` and `bids`
/// county-wide; everyone else is refused (403), and the queries answer nothing to a narrower
/// reach in any case.
struct NetworkPages {
    let services: Services
    var queries: NetworkQueries { NetworkQueries(database: services.database) }

    func register(on router: Router<AppRequestContext>) {
        router.get("/procurement", use: index)
        router.get("/procurement/companies/:uscc", use: company)
        router.get("/procurement/buyers/:unitCode", use: buyer)
    }

    private func requireReader(_ context: AppRequestContext) throws -> Principal {
        _ = try context.require(.read, on: GovernmentData.tenders)
        return try context.require(.read, on: GovernmentData.bids)
    }

    /// Whether a role may open these pages: links to them are shown only to such roles.
    static func opens(_ role: Role) -> Bool {
        AccessPolicy.allows(role, .read, on: GovernmentData.tenders) && AccessPolicy.allows(role, .read, on: GovernmentData.bids)
    }

    static func companyPath(_ uscc: String) -> String {
        "/procurement/companies/" + (uscc.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? uscc)
    }

    static func buyerPath(_ code: String) -> String {
        "/procurement/buyers/" + (code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? code)
    }

    static func fill(_ key: String, _ language: Language, n: Int, w: Int = 0) -> String {
        Strings.text(key, language).replacingOccurrences(of: "{n}", with: String(n)).replacingOccurrences(of: "{w}", with: String(w))
    }

    static func roles(_ roles: [String], _ language: Language) -> String {
        roles.map { Strings.text("proc_role_" + $0, language) }.joined(separator: language == .zh ? "、" : ", ")
    }

    /// What a shared value looks like on the page: names masked, phones with the middle hidden.
    static func display(_ kind: IdentifierKind, _ value: String) -> String {
        switch kind {
        case .contactName: return NetworkQueries.maskName(value)
        case .contactPhone:
            let digits = kind.key(value)
            guard digits.count >= 8 else { return String(repeating: "*", count: digits.count) }
            return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 7) + String(digits.suffix(4))
        default: return value
        }
    }

    static func graphKind(_ kind: IdentifierKind) -> NetworkGraph.Kind {
        switch kind {
        case .device, .ip, .fileHash: return .device
        case .bondAccount: return .account
        case .contactName, .contactPhone: return .contact
        }
    }

    static func edgeRows(_ drawing: NetworkGraph.Drawing) -> [[String: Any]] {
        drawing.edges.map { edge in
            ["edgeFrom": NetworkGraph.label(of: edge.from, drawing.nodes), "edgeTo": NetworkGraph.label(of: edge.to, drawing.nodes),
             "edgeLabel": edge.label]
        }
    }

    // MARK: index

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try requireReader(context)
        guard let overview = try await queries.overview(reach: principal.reach) else { throw WebError.notFound }
        let language = context.language
        var values: [String: Any] = [
            "tenderCount": overview.tenderCount, "bidCount": overview.bidCount,
            "buyers": overview.buyers.map { buyer -> [String: Any] in
                ["buyerName": buyer.unitName ?? buyer.unitCode, "buyerCode": buyer.unitCode, "buyerHref": Self.buyerPath(buyer.unitCode),
                 "tenders": buyer.tenders, "awarded": Money.formatYuan(buyer.awarded)]
            },
            "bidders": overview.bidders.map { bidder -> [String: Any] in
                ["companyName": bidder.name ?? bidder.uscc, "companyUSCC": bidder.uscc, "companyHref": Self.companyPath(bidder.uscc),
                 "bids": bidder.bids, "wins": bidder.wins]
            },
            "leads": overview.leads.map { lead -> [String: Any] in
                var item: [String: Any] = [
                    "findingHref": "/findings/\(lead.findingID)", "ruleTitle": FindingsPages.title(lead.rule, language), "rule": lead.rule,
                    "tenderID": lead.subject,
                    "leadBidders": lead.bidders.map { bidder -> [String: Any] in
                        var entry: [String: Any] = ["companyName": bidder.name ?? bidder.uscc, "companyHref": Self.companyPath(bidder.uscc)]
                        if bidder.wins > 0 { entry["won"] = true }
                        return entry
                    },
                ]
                if let buyer = lead.buyerUnitCode { item["buyerCode"] = buyer; item["buyerHref"] = Self.buyerPath(buyer) }
                return item
            },
            "rings": overview.rotations.map { finding -> [String: Any] in
                let buyer = String(finding.subject.split(separator: "|").first ?? "")
                return ["findingHref": "/findings/\(finding.id)", "buyerHref": Self.buyerPath(buyer), "buyerCode": buyer,
                        "summary": language == .zh ? finding.summaryZh : finding.summaryEn]
            },
        ]
        if overview.leads.isEmpty { values["noLeads"] = true }
        if overview.rotations.isEmpty { values["noRings"] = true }
        return services.renderer.render("procurement", title: Strings.text("procurement", language), request: request, context: context,
                                        values: values)
    }

    // MARK: company

    @Sendable func company(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try requireReader(context)
        guard let uscc = context.parameters.get("uscc"), let network = try await queries.company(uscc, reach: principal.reach) else {
            throw WebError.notFound
        }
        let language = context.language
        let name = network.name ?? network.uscc
        let drawing = Self.companyGraph(network, language: language)
        var values: [String: Any] = [
            "heading": name, "focusUSCC": network.uscc, "bidCount": network.bidCount, "winCount": network.winCount,
            "graph": drawing.svg, "graphEdges": Self.edgeRows(drawing),
            "coBidders": network.coBidders.map { co -> [String: Any] in
                ["companyName": co.name ?? co.uscc, "companyUSCC": co.uscc, "companyHref": Self.companyPath(co.uscc),
                 "shared": co.sharedTenders, "theirs": co.theirWins, "ours": co.focusWins]
            },
            "buyers": network.buyers.map { buyer -> [String: Any] in
                ["buyerName": buyer.unitName ?? buyer.unitCode, "buyerCode": buyer.unitCode, "buyerHref": Self.buyerPath(buyer.unitCode),
                 "bids": buyer.bids, "wins": buyer.wins, "losses": buyer.losses, "won": Money.formatYuan(buyer.wonAmount)]
            },
            "holders": network.holders.map { holder -> [String: Any] in
                var item: [String: Any] = [
                    "holderLabel": holder.label, "holderRoles": Self.roles(holder.focusRoles, language),
                    "ties": holder.others.map { tie -> [String: Any] in
                        ["companyName": tie.name ?? tie.uscc, "companyHref": Self.companyPath(tie.uscc), "tieRoles": Self.roles(tie.roles, language)]
                    },
                ]
                if let tail = holder.idTail { item["idTail"] = tail }
                if let holderUSCC = holder.holderUSCC { item["holderHref"] = Self.companyPath(holderUSCC) }
                return item
            },
            "identifiers": network.identifiers.map { shared -> [String: Any] in
                ["kindLabel": Strings.text("proc_id_" + shared.kind.rawValue, language), "value": Self.display(shared.kind, shared.value),
                 "focusTenders": shared.focusTenders.joined(separator: ", "),
                 "uses": shared.others.map { use -> [String: Any] in
                     ["companyName": use.name ?? use.uscc, "companyHref": Self.companyPath(use.uscc),
                      "useTenders": use.tenders.joined(separator: ", "),
                      "where": Strings.text(use.sameTender ? "proc_same_tender" : "proc_other_tender", language)]
                 }]
            },
            "findings": network.findings.map { finding -> [String: Any] in
                ["findingHref": "/findings/\(finding.id)", "ruleTitle": FindingsPages.title(finding.rule, language), "rule": finding.rule,
                 "summary": language == .zh ? finding.summaryZh : finding.summaryEn]
            },
        ]
        if network.name != nil { values["headingUSCC"] = network.uscc }
        if let id = network.registryID { values["registryPath"] = "/registry/companies/\(id)" }
        if drawing.omitted > 0 { values["omitted"] = Self.fill("proc_more_nodes", language, n: drawing.omitted) }
        return services.renderer.render("company_network", title: name, request: request, context: context, values: values)
    }

    /// The company in the centre; people, machines, accounts and contacts it shares and the
    /// companies behind them first (they are the evidence), then co-bidders and buyers by count.
    static func companyGraph(_ network: CompanyNetwork, language: Language) -> NetworkGraph.Drawing {
        let focus = "c:" + network.uscc
        var nodes: [NetworkGraph.Node] = [.init(id: focus, kind: .company, label: network.name ?? network.uscc)]
        var edges: [NetworkGraph.Edge] = []
        func company(_ uscc: String, _ name: String?) -> NetworkGraph.Node {
            .init(id: "c:" + uscc, kind: .company, label: name ?? uscc, href: companyPath(uscc))
        }
        for holder in network.holders {
            let id = holder.holderUSCC.map { "c:" + $0 } ?? "p:" + holder.key
            let label = holder.isPerson ? holder.label + (holder.idTail.map { " ·" + $0 } ?? "") : holder.label
            nodes.append(.init(id: id, kind: holder.isPerson ? .person : .company, label: label,
                               href: holder.holderUSCC.map(companyPath)))
            edges.append(.init(from: focus, to: id, label: roles(holder.focusRoles, language), weight: 2))
            for tie in holder.others {
                nodes.append(company(tie.uscc, tie.name))
                edges.append(.init(from: id, to: "c:" + tie.uscc, label: roles(tie.roles, language), weight: 2))
            }
        }
        for shared in network.identifiers {
            let id = "i:" + shared.kind.rawValue + ":" + shared.kind.key(shared.value)
            nodes.append(.init(id: id, kind: graphKind(shared.kind),
                               label: Strings.text("proc_id_" + shared.kind.rawValue, language) + " " + display(shared.kind, shared.value)))
            edges.append(.init(from: focus, to: id, label: fill("proc_edge_shared", language, n: shared.focusTenders.count),
                               weight: shared.focusTenders.count))
            for use in shared.others {
                nodes.append(company(use.uscc, use.name))
                edges.append(.init(from: id, to: "c:" + use.uscc,
                                   label: Strings.text(use.sameTender ? "proc_same_tender" : "proc_other_tender", language),
                                   weight: use.tenders.count, dashed: !use.sameTender))
            }
        }
        // The busiest co-bidders and buyers first, then the rest while room is left.
        var later: [NetworkGraph.Node] = []
        for (index, co) in network.coBidders.enumerated() {
            if index < 12 { nodes.append(company(co.uscc, co.name)) } else { later.append(company(co.uscc, co.name)) }
            edges.append(.init(from: focus, to: "c:" + co.uscc, label: fill("proc_edge_cobid", language, n: co.sharedTenders),
                               weight: co.sharedTenders))
        }
        for (index, buyer) in network.buyers.enumerated() {
            let id = "b:" + buyer.unitCode
            let node = NetworkGraph.Node(id: id, kind: .buyer, label: buyer.unitName ?? buyer.unitCode, href: buyerPath(buyer.unitCode))
            if index < 6 { nodes.append(node) } else { later.append(node) }
            edges.append(.init(from: focus, to: id, label: fill("proc_edge_buyer", language, n: buyer.bids, w: buyer.wins), weight: buyer.bids))
        }
        nodes += later
        return NetworkGraph.draw(nodes: nodes, edges: edges, layout: .radial(focus: focus), idPrefix: "network",
                                 title: Strings.text("proc_network_of", language) + "：" + (network.name ?? network.uscc),
                                 description: Strings.text("proc_graph_desc_company", language), language: language)
    }

    // MARK: buyer

    @Sendable func buyer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try requireReader(context)
        guard let code = context.parameters.get("unitCode"), let network = try await queries.buyer(code, reach: principal.reach) else {
            throw WebError.notFound
        }
        let language = context.language
        let name = network.unitName ?? network.unitCode
        let years = network.years.map { year in
            ShareBars.Year(year: year.year, total: year.total,
                           parts: year.suppliers.map { ($0.uscc, $0.name ?? $0.uscc, $0.amount, $0.permille) })
        }
        var values: [String: Any] = [
            "heading": name, "buyerCode": network.unitCode, "tenderCount": network.tenderCount,
            "years": network.years.map { year -> [String: Any] in
                ["year": year.year, "yearTotal": Money.formatYuan(year.total),
                 "suppliers": year.suppliers.map { supplier -> [String: Any] in
                     ["companyName": supplier.name ?? supplier.uscc, "companyUSCC": supplier.uscc, "companyHref": Self.companyPath(supplier.uscc),
                      "awards": supplier.awards, "amount": Money.formatYuan(supplier.amount), "share": ShareBars.percent(supplier.permille)]
                 }]
            },
            "rings": network.rotations.enumerated().map { index, finding in Self.ring(finding, index: index, buyer: network, language: language) },
        ]
        if !years.isEmpty {
            values["shareChart"] = ShareBars.svg(years, idPrefix: "shares", title: Strings.text("proc_concentration", language) + "：" + name,
                                                 description: Strings.text("proc_share_desc", language),
                                                 othersLabel: Strings.text("proc_others", language))
        } else {
            values["noAwards"] = true
        }
        if network.rotations.isEmpty { values["noRings"] = true }
        return services.renderer.render("buyer", title: name, request: request, context: context, values: values)
    }

    /// A `bid.rotation` ring drawn as a cycle of its bidders around the buyer, from the
    /// finding's evidence (the bidders, their wins, the tenders and their winners).
    static func ring(_ finding: StoredFinding, index: Int, buyer: BuyerNetwork, language: Language) -> [String: Any] {
        let tree = EvidenceTree.parse(finding.evidenceJSON) ?? .null
        let members = finding.subject.split(separator: "|").dropFirst().first.map { $0.split(separator: "+").map(String.init) } ?? []
        var names: [String: String] = [:]
        var wins: [String: Int] = [:]
        for bidder in tree["bidders"]?.elements ?? [] {
            guard let uscc = bidder["bidder_uscc"]?.text else { continue }
            if let name = bidder["bidder_name"]?.text { names[uscc] = name }
            wins[uscc] = bidder["win_count"]?.text.flatMap(Int.init) ?? 0
        }
        let tenders = tree["tenders"]?.elements ?? []
        let centre = "b:" + buyer.unitCode
        var nodes: [NetworkGraph.Node] = [.init(id: centre, kind: .buyer, label: buyer.unitName ?? buyer.unitCode)]
        var edges: [NetworkGraph.Edge] = []
        for uscc in members {
            nodes.append(.init(id: "c:" + uscc, kind: .company, label: names[uscc] ?? uscc, href: companyPath(uscc)))
            edges.append(.init(from: centre, to: "c:" + uscc, label: fill("proc_edge_won", language, n: wins[uscc] ?? 0),
                               weight: max(1, wins[uscc] ?? 0)))
        }
        if members.count > 1 {
            for (k, uscc) in members.enumerated() {
                let next = members[(k + 1) % members.count]
                if members.count == 2 && k == 1 { break }
                edges.append(.init(from: "c:" + uscc, to: "c:" + next, label: fill("proc_edge_cobid", language, n: tenders.count),
                                   weight: tenders.count))
            }
        }
        let drawing = NetworkGraph.draw(nodes: nodes, edges: edges, layout: .cycle(centre: centre), idPrefix: "ring-\(index)",
                                        title: FindingsPages.title("bid.rotation", language) + "：" + members.map { names[$0] ?? $0 }.joined(separator: "、"),
                                        description: Strings.text("proc_graph_desc_ring", language), language: language)
        return [
            "findingHref": "/findings/\(finding.id)", "summary": language == .zh ? finding.summaryZh : finding.summaryEn,
            "ringGraph": drawing.svg, "ringEdges": edgeRows(drawing),
            "ringTenders": tenders.map { tender -> [String: Any] in
                var item: [String: Any] = [
                    "tenderID": tender["tender_id"]?.text ?? "—", "tenderTitle": tender["title"]?.text ?? "—",
                    "published": tender["published_date"]?.text ?? "—",
                    "amount": tender["award_amount"]?.text ?? "—",
                ]
                if let winner = tender["winner_uscc"]?.text {
                    item["winnerName"] = tender["winner_name"]?.text ?? winner
                    item["winnerHref"] = companyPath(winner)
                }
                return item
            },
        ]
    }
}
