import Foundation
import HummingbirdTesting
import SQLKit
import SunlightContract
import SunlightDemo
import SunlightDomain
import SunlightImport
import SunlightRules
import SunlightStorage
import SunlightTestSupport
@testable import SunlightWeb
import Testing

/// Company networks and buyer concentration over the small demo county: the planted colluding
/// bidders show up with what links them, the planted rotation ring is drawn, shares add up.
@Suite("Procurement networks")
struct NetworkWebTests {
    static func demo(_ backend: TestBackend = .sqlite) async throws -> WebFixture {
        let fixture = try await WebFixture.make(backend)
        let directory = fixture.test.directory.appendingPathComponent("demo")
        try DemoGenerator.generate(size: .small, seed: 3, to: directory)
        let reports = try await DirectoryImport(importer: Importer(recorder: fixture.test.recorder)).run(directory, by: .system())
        precondition(reports.allSatisfy(\.isWritten), "demo county did not import")
        _ = try await ScanService(recorder: fixture.test.recorder).run(ScanRequest(asOf: DemoGenerator.asOf), by: .system())
        return fixture
    }

    struct Bid { let tender: String; let uscc: String; let name: String; let device: String; let ip: String; let hash: String }

    static func bids(_ db: SunlightDatabase, tender: String) async throws -> [Bid] {
        try await db.withConnection { db in
            try await db.raw("SELECT tender_id, bidder_uscc, bidder_name, device_id, ip, file_hash FROM bids WHERE tender_id = \(bind: tender) ORDER BY bidder_uscc").all().map {
                Bid(tender: try $0.decode(column: "tender_id", as: String.self), uscc: try $0.decode(column: "bidder_uscc", as: String.self),
                    name: try $0.decode(column: "bidder_name", as: String?.self) ?? "", device: try $0.decode(column: "device_id", as: String?.self) ?? "",
                    ip: try $0.decode(column: "ip", as: String?.self) ?? "", hash: try $0.decode(column: "file_hash", as: String?.self) ?? "")
            }
        }
    }

    static func findings(_ fixture: WebFixture, rule: String) async throws -> [StoredFinding] {
        try await FindingStore(recorder: fixture.test.recorder).list(FindingQuery(rule: rule, perPage: 500), reach: .everywhere).items
    }

    /// A planted `bid.same_device` pair: two bidders of a flagged tender with one machine, IP or
    /// file hash (compared as the rule does), and the shared value.
    static func sameDevicePair(_ fixture: WebFixture) async throws -> (Bid, Bid, String, IdentifierKind) {
        for finding in try await findings(fixture, rule: "bid.same_device").sorted(by: { $0.subject < $1.subject }) {
            let bids = try await bids(fixture.test.database, tender: finding.subject)
            for (i, a) in bids.enumerated() {
                for b in bids[(i + 1)...] {
                    if !a.device.isEmpty && a.device.uppercased() == b.device.uppercased() { return (a, b, a.device, .device) }
                    if !a.ip.isEmpty && a.ip == b.ip { return (a, b, a.ip, .ip) }
                    if !a.hash.isEmpty && a.hash.lowercased() == b.hash.lowercased() { return (a, b, a.hash, .fileHash) }
                }
            }
        }
        Issue.record("no planted same-device pair")
        throw CancellationError()
    }

    /// A planted `bid.common_owner` pair and the ID number of the person they share.
    static func commonOwnerPair(_ fixture: WebFixture) async throws -> (Bid, Bid, String) {
        for finding in try await findings(fixture, rule: "bid.common_owner").sorted(by: { $0.subject < $1.subject }) {
            let bids = try await bids(fixture.test.database, tender: finding.subject)
            let holders = try await fixture.test.database.withConnection { db in
                var holders: [String: Set<String>] = [:]
                for bid in bids {
                    for row in try await db.raw("SELECT holder_id_number FROM company_roles WHERE uscc = \(bind: bid.uscc) AND role <> 'supervisor'").all() {
                        if let id = try row.decode(column: "holder_id_number", as: String?.self) { holders[bid.uscc, default: []].insert(id) }
                    }
                    for row in try await db.raw("SELECT legal_rep_id_number FROM companies WHERE uscc = \(bind: bid.uscc)").all() {
                        if let id = try row.decode(column: "legal_rep_id_number", as: String?.self) { holders[bid.uscc, default: []].insert(id) }
                    }
                }
                return holders
            }
            for (i, a) in bids.enumerated() {
                for b in bids[(i + 1)...] {
                    if let shared = holders[a.uscc, default: []].intersection(holders[b.uscc, default: []]).sorted().first { return (a, b, shared) }
                }
            }
        }
        Issue.record("no planted common-owner pair")
        throw CancellationError()
    }

    /// Every id number the page could leak: the company's holders and legal representative.
    static func idNumbers(_ fixture: WebFixture, of uscc: String) async throws -> [String] {
        try await fixture.test.database.withConnection { db in
            var ids = try await db.raw("SELECT holder_id_number AS x FROM company_roles WHERE uscc = \(bind: uscc)").all()
                .compactMap { try $0.decode(column: "x", as: String?.self) }
            ids += try await db.raw("SELECT legal_rep_id_number AS x FROM companies WHERE uscc = \(bind: uscc)").all()
                .compactMap { try $0.decode(column: "x", as: String?.self) }
            return ids.filter { !$0.isEmpty }
        }
    }

    /// Award value per supplier per year at a buyer, straight from the rows.
    static func expectedShares(_ fixture: WebFixture, buyer: String) async throws -> [String: [String: Int64]] {
        try await fixture.test.database.withConnection { db in
            var out: [String: [String: Int64]] = [:]
            for row in try await db.raw("SELECT winner_uscc, award_amount, award_date, published_date FROM tenders WHERE buyer_unit_code = \(bind: buyer)").all() {
                guard let winner = try row.decode(column: "winner_uscc", as: String?.self), !winner.isEmpty,
                      let amount = try row.decode(column: "award_amount", as: Int64?.self) else { continue }
                let date = try row.decode(column: "award_date", as: String?.self) ?? row.decode(column: "published_date", as: String?.self) ?? ""
                out[String(date.prefix(4)), default: [:]][winner, default: 0] += amount
            }
            return out
        }
    }

    static func svgs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg").dropFirst().map { "<svg" + $0.components(separatedBy: "</svg>")[0] }
    }

    /// No scripts, no inline styles, nothing fetched from elsewhere.
    static func selfContained(_ html: String) -> Bool {
        guard !html.contains("<script"), !html.contains(" style=\"") else { return false }
        let pattern = try! NSRegularExpression(pattern: #"(?:src|href|action)="([^"]*)""#)
        let matches = pattern.matches(in: html, range: NSRange(html.startIndex..., in: html))
        return matches.allSatisfy { match in
            let value = String(html[Range(match.range(at: 1), in: html)!])
            return !value.contains("//") && !value.lowercased().hasPrefix("http") && !value.lowercased().hasPrefix("javascript")
        }
    }

    @Test func companyPagesShowColludersAndWhatLinksThem() async throws {
        let fixture = try await Self.demo()
        let (deviceA, deviceB, sharedValue, _) = try await Self.sameDevicePair(fixture)
        let (ownerA, ownerB, personID) = try await Self.commonOwnerPair(fixture)
        let leaks = try await Self.idNumbers(fixture, of: ownerA.uscc)
        let companyID = try await fixture.id(Registry.companies, key: ownerA.uscc)
        try await fixture.run { client in
            var browser = Browser(client)
            try await browser.login("inspector")

            // Same machine/IP/file: the other bidder and the shared value, in the graph and the tables.
            let device = try await browser.get("/procurement/companies/\(deviceA.uscc)")
            #expect(device.status == .ok)
            let deviceSVG = try #require(Self.svgs(device.text).first)
            #expect(deviceSVG.contains("role=\"img\"") && deviceSVG.contains("<title") && deviceSVG.contains("<desc"))
            #expect(deviceSVG.contains(deviceB.name))
            #expect(deviceSVG.lowercased().contains(sharedValue.lowercased()))
            let deviceTables = device.text.components(separatedBy: "</svg>").last!
            #expect(deviceTables.contains(deviceB.name))
            #expect(deviceTables.lowercased().contains(sharedValue.lowercased()))
            #expect(deviceTables.contains("/procurement/companies/\(deviceB.uscc)"))
            #expect(device.text.contains("同一项目内"))
            #expect(Self.selfContained(device.text))

            // Shared owner: the other company and the person by ID tail, never by full ID number.
            let owner = try await browser.get("/procurement/companies/\(ownerA.uscc)")
            #expect(owner.status == .ok)
            let ownerSVG = try #require(Self.svgs(owner.text).first)
            #expect(ownerSVG.contains(ownerB.name))
            #expect(ownerSVG.contains(String(personID.suffix(4))))
            #expect(ownerSVG.contains("node-person"))
            let ownerTables = owner.text.components(separatedBy: "</svg>").last!
            #expect(ownerTables.contains(ownerB.name) && ownerTables.contains("…" + String(personID.suffix(4))))
            #expect(!leaks.isEmpty)
            for id in leaks { #expect(!owner.text.contains(id), "full ID number on the page") }
            #expect(Self.selfContained(owner.text))

            // The register's company page links to the network.
            let record = try await browser.get("/registry/companies/\(companyID)")
            #expect(record.text.contains("href=\"/procurement/companies/\(ownerA.uscc)\""))

            // In English too.
            browser.acceptLanguage = "en"
            let english = try await browser.get("/procurement/companies/\(ownerA.uscc)")
            #expect(english.status == .ok && english.text.contains("Co-bidders") && english.text.contains("Shared owners"))
            browser.acceptLanguage = nil

            #expect(try await browser.get("/procurement/companies/91000000MA00000000").status == .notFound)
        }
    }

    @Test func buyerPageSharesAddUpAndRingsAreDrawn() async throws {
        let fixture = try await Self.demo()
        let rotation = try #require(try await Self.findings(fixture, rule: "bid.rotation").sorted { $0.subject < $1.subject }.first)
        let buyer = String(rotation.subject.split(separator: "|")[0])
        let members = rotation.subject.split(separator: "|")[1].split(separator: "+").map(String.init)
        #expect(members.count >= 3)
        let expected = try await Self.expectedShares(fixture, buyer: buyer)
        let tree = try #require(EvidenceTree.parse(rotation.evidenceJSON))
        let ringTenders = (tree["tenders"]?.elements ?? []).compactMap { $0["tender_id"]?.text }
        #expect(ringTenders.count >= 3)
        try await fixture.run { client in
            var browser = Browser(client)
            try await browser.login("auditor")
            let page = try await browser.get("/procurement/buyers/\(buyer)")
            #expect(page.status == .ok)
            #expect(Self.selfContained(page.text))

            // One share table per year, suppliers and amounts as in the data, shares adding to 100 %.
            #expect(!expected.isEmpty)
            for (year, suppliers) in expected {
                let marker = "data-year=\"\(year)\""
                let table = try #require(page.text.components(separatedBy: marker).dropFirst().first?.components(separatedBy: "</table>").first)
                let shares = table.components(separatedBy: "class=\"num share\">").dropFirst().map { cell -> Int in
                    let text = cell.prefix { $0 != "%" }
                    let parts = text.split(separator: ".")
                    return Int(parts[0])! * 10 + Int(parts[1])!
                }
                #expect(shares.count == suppliers.count, "year \(year)")
                #expect(shares.reduce(0, +) == 1000, "year \(year): shares add up to \(shares.reduce(0, +))‰")
                for (uscc, amount) in suppliers {
                    #expect(table.contains("/procurement/companies/\(uscc)") && table.contains(Money.formatYuan(amount)), "\(year) \(uscc)")
                }
            }
            #expect(page.text.contains("<svg") && page.text.contains("shares-title"))

            // The planted ring: a cycle of its bidders, with its tenders and winners listed.
            let ringSVG = try #require(Self.svgs(page.text).first { $0.contains("ring-") })
            for uscc in members { #expect(ringSVG.contains("/procurement/companies/\(uscc)")) }
            #expect(ringSVG.contains("node-buyer"))
            for tender in ringTenders { #expect(page.text.contains(tender)) }

            // The index lists the ring and the collusion findings with links to bidders' networks.
            let index = try await browser.get("/procurement")
            #expect(index.status == .ok)
            #expect(index.text.contains("/procurement/buyers/\(buyer)"))
            #expect(index.text.contains("bid.same_device") && index.text.contains("bid.common_owner"))
            #expect(Self.selfContained(index.text))
            let home = try await browser.get("/")
            #expect(home.text.contains("href=\"/procurement\""))

            // A finding's evidence links bidders to their networks.
            let finding = try await browser.get("/findings/\(rotation.id)")
            #expect(finding.text.contains("/procurement/companies/\(members[0])"))
        }
    }

    @Test func onlyCountyWideReadersSeeNetworks() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.run { client in
            for (user, allowed) in [("officer", false), ("witness", false), ("leader", true), ("inspector", true), ("admin", true)] {
                var browser = Browser(client)
                try await browser.login(user)
                for path in ["/procurement", "/procurement/companies/91350100M000100Y43", "/procurement/buyers/360426100"] {
                    let response = try await browser.get(path)
                    if allowed {
                        #expect(response.status == .ok || response.status == .notFound, "\(user) \(path): \(response.status)")
                    } else {
                        #expect(response.status == .forbidden, "\(user) \(path): \(response.status)")
                    }
                }
            }
            let anonymous = try await client.execute(uri: "/procurement", method: .get, headers: [:], body: nil)
            #expect(anonymous.status != .ok)
        }
    }

    @Test(arguments: TestBackend.available)
    func queriesAgreeWithTheRows(_ backend: TestBackend) async throws {
        let fixture = try await Self.demo(backend)
        do {
            let queries = NetworkQueries(database: fixture.test.database)
            let (a, b, value, kind) = try await Self.sameDevicePair(fixture)
            let network = try #require(try await queries.company(a.uscc, reach: .everywhere))
            let shared = try #require(network.identifiers.first { $0.kind == kind && kind.key($0.value) == kind.key(value) })
            #expect(shared.others.contains { $0.uscc == b.uscc && $0.sameTender })
            let co = try #require(network.coBidders.first { $0.uscc == b.uscc })
            #expect(co.sharedTenders >= 1)
            #expect(network.buyers.reduce(0) { $0 + $1.bids } <= network.bidCount)

            let (oa, ob, person) = try await Self.commonOwnerPair(fixture)
            let owners = try #require(try await queries.company(oa.uscc, reach: .everywhere))
            let holder = try #require(owners.holders.first { $0.idTail == String(person.suffix(4)) })
            #expect(holder.isPerson && holder.others.contains { $0.uscc == ob.uscc })
            #expect(!holder.label.contains(where: \.isNumber) && holder.label.contains("*"))

            let rotation = try #require(try await Self.findings(fixture, rule: "bid.rotation").first)
            let buyerCode = String(rotation.subject.split(separator: "|")[0])
            let buyer = try #require(try await queries.buyer(buyerCode, reach: .everywhere))
            #expect(buyer.rotations.contains { $0.id == rotation.id })
            let expected = try await Self.expectedShares(fixture, buyer: buyerCode)
            #expect(Set(buyer.years.map(\.year)) == Set(expected.keys))
            for year in buyer.years {
                #expect(year.suppliers.reduce(0) { $0 + $1.permille } == 1000)
                #expect(Dictionary(uniqueKeysWithValues: year.suppliers.map { ($0.uscc, $0.amount) }) == expected[year.year])
            }
            let overview = try #require(try await queries.overview(reach: .everywhere))
            #expect(overview.tenderCount > 0 && overview.bidCount > 0 && !overview.leads.isEmpty && !overview.rotations.isEmpty)

            // Bids are county-wide: a unit's reach gets nothing.
            #expect(try await queries.company(a.uscc, reach: .subtree(buyerCode)) == nil)
            #expect(try await queries.buyer(buyerCode, reach: .nowhere) == nil)
            #expect(try await queries.overview(reach: .subtree(buyerCode)) == nil)
            await fixture.test.close()
        } catch {
            await fixture.test.close()
            throw error
        }
    }

    @Test func evidenceLinksToNetworksOnlyForTheirReaders() throws {
        let tree = try #require(EvidenceTree.parse(#"{"bidders":[{"bidder_uscc":"91350100M000100Y43"}],"buyer_unit_code":"360426100"}"#))
        let shown = EvidenceHTML.render(tree, language: .zh, networkLinks: true)
        #expect(shown.contains(NetworkPages.companyPath("91350100M000100Y43")) && shown.contains(NetworkPages.buyerPath("360426100")))
        let hidden = EvidenceHTML.render(tree, language: .zh, networkLinks: false)
        #expect(!hidden.contains("/procurement/") && hidden.contains("/registry/companies?q=91350100M000100Y43"))
        #expect(NetworkPages.opens(.inspector) && NetworkPages.opens(.admin))
        #expect(!NetworkPages.opens(.unitOfficer) && !NetworkPages.opens(.witness))
    }

    @Test func sharesUseLargestRemainders() {
        #expect(NetworkQueries.shares([1, 1, 1]) == [334, 333, 333])
        #expect(NetworkQueries.shares([2, 1]) == [667, 333])
        #expect(NetworkQueries.shares([5]) == [1000])
        #expect(NetworkQueries.shares([0, 0]) == [0, 0])
        #expect(NetworkQueries.maskName("张三丰") == "张**")
        #expect(NetworkQueries.maskName(nil) == "*")
    }

    @Test func graphIsDeterministicCappedAndAccessible() {
        let nodes = [NetworkGraph.Node(id: "c:focus", kind: .company, label: "Focus")]
            + (0..<50).map { NetworkGraph.Node(id: "c:\($0)", kind: .company, label: "Co \($0)", href: "/x/\($0)") }
            + [NetworkGraph.Node(id: "p:1", kind: .person, label: "张*")]
        let edges = nodes.dropFirst().map { NetworkGraph.Edge(from: "c:focus", to: $0.id, label: "together") }
        let one = NetworkGraph.draw(nodes: nodes, edges: edges, layout: .radial(focus: "c:focus"), idPrefix: "g", title: "T", description: "D", language: .en)
        let two = NetworkGraph.draw(nodes: nodes, edges: edges, layout: .radial(focus: "c:focus"), idPrefix: "g", title: "T", description: "D", language: .en)
        #expect(one.svg == two.svg)
        #expect(one.nodes.count == NetworkGraph.maxNodes && one.omitted == nodes.count - NetworkGraph.maxNodes)
        #expect(one.edges.count == NetworkGraph.maxNodes - 1)
        #expect(one.svg.contains("role=\"img\"") && one.svg.contains("<title id=\"g-title\">T</title>") && one.svg.contains("<desc id=\"g-desc\">D</desc>"))
        #expect(!one.svg.contains("style=") && !one.svg.contains("<script"))
    }

    @Test func procurementStringsAreUniqueAndBilingual() {
        for (key, value) in ProcurementStrings.table {
            #expect(!value.zh.isEmpty && !value.en.isEmpty, "\(key)")
        }
        #expect(Strings.text("proc_cobidders", .en) == "Co-bidders")
        #expect(ProductMap.sections.first { $0.slug == "procurement" }?.path == "/procurement")
    }
}
