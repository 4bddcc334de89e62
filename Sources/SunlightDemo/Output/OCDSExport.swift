import Foundation
import SunlightTabular

/// The demo county's tenders and bids published again as OCDS compiled releases (`ocds.jsonl`),
/// the way a Chinese e-bidding platform with an OCDS feed would publish them: so a newcomer sees
/// Cardinal's indicators working next to the Chinese signals on the same county.
///
/// Each tender becomes one process whose `ocid` is the tender_id, so the `bid.*` rules see each
/// tender once (the CSV rows, loaded later, win — data-contract.md, OCDS mapping). Bidders are
/// parties with their USCC under `identifier` (scheme `CN-USCC`); the platform evidence rides in
/// the `bids.details[].sunlight` extension. Amounts are yuan in CNY; times are China time.
enum OCDSExport {
    static func write(from directory: URL) throws {
        var tenders: [[String: String]] = []
        try read(directory.appendingPathComponent("tenders.csv")) { tenders.append($0) }
        var bidsOf: [String: [[String: String]]] = [:]
        try read(directory.appendingPathComponent("bids.csv")) { bidsOf[$0["tender_id"] ?? "", default: []].append($0) }
        var out = Data()
        for t in tenders {
            let release = process(t, bids: bidsOf[t["tender_id"] ?? ""] ?? [])
            out.append(try JSONSerialization.data(withJSONObject: release, options: [.sortedKeys, .withoutEscapingSlashes]))
            out.append(0x0A)
        }
        try out.write(to: directory.appendingPathComponent("ocds.jsonl"))
    }

    static func read(_ url: URL, _ body: ([String: String]) -> Void) throws {
        var header: [String] = []
        try CSVSource(url: url).read(header: { header = $0 }, row: { row in
            var values: [String: String] = [:]
            for (name, value) in zip(header, row.fields) where !value.isEmpty { values[name] = value }
            body(values)
        })
    }

    static let methodDetails = ["open": "公开招标", "invited": "邀请招标", "competitive_negotiation": "竞争性谈判",
                                "consultation": "竞争性磋商", "inquiry": "询价", "single_source": "单一来源"]

    /// `2025-04-08 09:30:00` (China time) → `2025-04-08T09:30:00+08:00`; a bare date → its start.
    static func instant(_ text: String?) -> String? {
        guard let text else { return nil }
        if text.count == 10 { return text + "T00:00:00+08:00" }
        return text.replacingOccurrences(of: " ", with: "T") + "+08:00"
    }

    static func money(_ yuan: String?) -> Any? {
        guard let yuan, let value = Decimal(string: yuan) else { return nil }
        return ["amount": NSDecimalNumber(decimal: value), "currency": "CNY"] as [String: Any]
    }

    static func process(_ t: [String: String], bids: [[String: String]]) -> [String: Any] {
        let id = t["tender_id"] ?? ""
        var parties: [String: [String: Any]] = [:]
        func party(_ uscc: String, _ name: String?, role: String) -> [String: Any] {
            var p = parties[uscc] ?? ["id": uscc, "identifier": ["scheme": "CN-USCC", "id": uscc], "roles": [String]()]
            if let name { p["name"] = name }
            var roles = p["roles"] as? [String] ?? []
            if !roles.contains(role) { roles.append(role) }
            p["roles"] = roles
            parties[uscc] = p
            return ["id": uscc, "name": (p["name"] as? String) ?? uscc]
        }
        var details: [[String: Any]] = []
        for (i, b) in bids.enumerated() {
            guard let uscc = b["bidder_uscc"] else { continue }
            var bid: [String: Any] = ["id": "\(id)-bid-\(i + 1)", "tenderers": [party(uscc, b["bidder_name"], role: "tenderer")]]
            if let status = b["status"] { bid["status"] = status }
            if let date = instant(b["submitted_at"]) { bid["date"] = date }
            if let value = money(b["amount"]) { bid["value"] = value }
            var evidence: [String: String] = [:]
            for key in ["device_id", "ip", "bond_account", "file_hash", "contact_name", "contact_phone"] { evidence[key] = b[key] }
            if !evidence.isEmpty { bid["sunlight"] = evidence }
            details.append(bid)
        }
        let method = t["method"]
        var tender: [String: Any] = ["id": id, "status": t["winner_uscc"] != nil ? "complete" : "active",
                                     "numberOfTenderers": bids.filter { $0["status"] != "withdrawn" }.count]
        if let title = t["title"] { tender["title"] = title }
        if let method {
            tender["procurementMethod"] = method == "open" ? "open" : method == "invited" ? "selective" : "limited"
            tender["procurementMethodDetails"] = methodDetails[method] ?? method
        }
        var period: [String: String] = [:]
        if let start = instant(t["published_date"]) { period["startDate"] = start }
        if let end = instant(t["deadline"]) { period["endDate"] = end }
        if !period.isEmpty { tender["tenderPeriod"] = period }
        if let value = money(t["ceiling"]) { tender["value"] = value }
        var release: [String: Any] = ["ocid": id, "id": "\(id)-compiled", "tag": ["compiled"], "tender": tender,
                                      "buyer": ["id": t["buyer_unit_code"] ?? "", "name": t["buyer_unit_code"] ?? ""],
                                      "bids": ["details": details]]
        if let winner = t["winner_uscc"] {
            var award: [String: Any] = ["id": "\(id)-award", "status": "active", "suppliers": [party(winner, nil, role: "supplier")]]
            if let date = instant(t["award_date"]) { award["date"] = date }
            if let value = money(t["award_amount"]) { award["value"] = value }
            release["awards"] = [award]
        }
        release["date"] = instant(t["award_date"]) ?? instant(t["published_date"]) ?? "2025-01-01T00:00:00+08:00"
        release["parties"] = parties.keys.sorted().map { parties[$0]! }
        return release
    }
}
