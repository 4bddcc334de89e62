import Foundation
import SunlightDomain
import SunlightProcurement

/// OCDS processes as the contract's tenders and bids (data-contract.md, "OCDS mapping"), so the
/// `bid.*` signals run on OCDS input as on the `tenders`/`bids` CSVs:
///
/// - `ocid` → tender_id; `buyer.id` (else `tender.procuringEntity.id`) → buyer;
/// - `tender.procurementMethodDetails` in Chinese (公开招标, 邀请招标, 竞争性谈判, 竞争性磋商, 询价,
///   单一来源) → method; otherwise `procurementMethod` `open` → open, `selective` → invited
///   (`limited`/`direct` say too little to tell the Chinese methods apart, so no method);
/// - `tender.value` → ceiling; `tenderPeriod.startDate` → published date (its China date),
///   `tenderPeriod.endDate` → deadline;
/// - the first `awards[]` with status `active` → winner (its first supplier), award date, amount;
/// - `bids.details[]` → bids, one per tenderer (a consortium's members each), with the
///   `bids.details[].sunlight` evidence (device, IP, bond account, file hash, contact).
///
/// An organisation is named by its unified social credit code when the data gives one (a party
/// whose `identifier.scheme` is `CN-USCC`, or an id that is itself a valid USCC), else by its
/// OCDS id — so the signals work on any OCDS publisher, and match the company register where the
/// codes allow. Amounts become fen (rounded half away from zero below the fen); amounts that
/// cannot be fen (no amount) leave the bid out. A `bids` CSV row for the same (tender, bidder)
/// is loaded after the processes and wins, as a later row does.
extension SupervisionDataBuilder {
    public mutating func append(_ process: ContractingProcess) {
        counts[.ocds, default: 0] += 1
        processes.append(process)
        let (tender, bids) = OCDSProcurementMapping.rows(process)
        if let tender { append(tender) }
        for bid in bids { append(bid) }
    }
}

/// The mapping itself, separate so it can be tested and shown.
public enum OCDSProcurementMapping {
    public static func rows(_ p: ContractingProcess) -> (TenderRow?, [BidRow]) {
        let names = Organisations(p)
        var tender: TenderRow?
        if let buyer = p.buyer?.id ?? p.tender?.procuringEntity?.id, !buyer.isEmpty {
            var row = TenderRow(tenderID: p.ocid, buyerUnitCode: buyer)
            row.method = method(p.tender)
            row.ceiling = fen(p.tender?.value?.amount)
            row.publishedDate = p.tender?.tenderPeriodStart?.date.map { LocalDate(instant: $0) }
            row.deadline = p.tender?.tenderPeriodEnd?.date
            if let award = p.awards?.first(where: { $0.status == "active" }) {
                row.awardDate = award.date?.date.map { LocalDate(instant: $0) }
                row.awardAmount = fen(award.value?.amount)
                row.winnerUSCC = award.suppliers?.first.flatMap(names.key)
            }
            tender = row
        }
        var bids: [BidRow] = []
        for bid in p.bids ?? [] {
            guard let amount = fen(bid.value?.amount) else { continue }
            for tenderer in bid.tenderers ?? [] {
                guard let key = names.key(tenderer) else { continue }
                let e = bid.sunlight
                bids.append(BidRow(tenderID: p.ocid, bidderUSCC: key, bidderName: tenderer.name ?? names.name(tenderer),
                                   amount: amount, submittedAt: bid.date?.date, status: status(bid.status),
                                   fileHash: e?.fileHash, deviceID: e?.deviceID, ip: e?.ip, bondAccount: e?.bondAccount,
                                   contactName: e?.contactName, contactPhone: e?.contactPhone))
            }
        }
        return (tender, bids)
    }

    static let chineseMethods: [String: String] = [
        "公开招标": "open", "邀请招标": "invited", "竞争性谈判": "competitive_negotiation", "竞争性磋商": "consultation",
        "询价": "inquiry", "询价采购": "inquiry", "单一来源": "single_source", "单一来源采购": "single_source",
    ]

    static func method(_ tender: Tender?) -> String? {
        guard let tender else { return nil }
        if let details = tender.procurementMethodDetails?.trimmingCharacters(in: .whitespaces),
           let code = chineseMethods[details] { return code }
        switch tender.procurementMethod {
        case "open": return "open"
        case "selective": return "invited"
        default: return nil
        }
    }

    static func status(_ ocds: String?) -> String? {
        switch ocds {
        case "valid", "disqualified", "withdrawn": return ocds
        default: return nil
        }
    }

    /// An amount in fen, rounded half away from zero; nil when absent or beyond Int64.
    static func fen(_ amount: Amount?) -> Int64? {
        guard let amount else { return nil }
        guard amount.exact.description.utf8.count <= 30, let yuan = Decimal(string: amount.exact.description) else { return nil }
        var fen = yuan * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &fen, 0, .plain)
        let number = NSDecimalNumber(decimal: rounded)
        guard number.compare(NSDecimalNumber(value: Int64.max)) != .orderedDescending,
              number.compare(NSDecimalNumber(value: Int64.min)) != .orderedAscending else { return nil }
        return number.int64Value
    }

    /// How the process names its organisations: by USCC where it can.
    struct Organisations {
        var uscc: [String: String] = [:]
        var names: [String: String] = [:]

        init(_ p: ContractingProcess) {
            for party in p.parties {
                guard let id = party.id else { continue }
                if let name = party.name { names[id] = name }
                if party.identifierScheme?.uppercased() == "CN-USCC", let code = party.identifierID,
                   let valid = try? USCC.parse(code) {
                    uscc[id] = valid.value
                }
            }
        }

        func key(_ ref: OrganizationReference) -> String? {
            guard let id = ref.id, !id.isEmpty else { return nil }
            if let code = uscc[id] { return code }
            if let valid = try? USCC.parse(id) { return valid.value }
            return id
        }

        func name(_ ref: OrganizationReference) -> String? {
            ref.id.flatMap { names[$0] }
        }
    }
}
