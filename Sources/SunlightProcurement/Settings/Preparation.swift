import Foundation

/// The corrections of Cardinal's `prepare` command, applied to each process as it is read.
///
/// Cardinal's workflow is two commands over one settings file: `prepare` (fill defaults, redact
/// placeholders, re-map codes, prefix ids) writes corrected data, then `indicators` reads it.
/// Sunlight reads the raw data once, so it applies the same corrections in memory before the
/// indicators see a process. With none of these sections in the settings, nothing changes.
///
/// - `[defaults]`: `currency` for bid values without one; `bid_status`, `award_status` for bids and
///   awards without a status; `party_roles` adds the role implied by each organisation reference
///   to the matching party.
/// - `[redactions]`: bid amounts equal to a listed amount, and organisation ids equal to a listed
///   id, are removed.
/// - `[codelists.bid_status]`, `[codelists.award_status]`: statuses re-mapped.
/// - `[corrections] award_status_by_contract_status`: an award whose contracts are all cancelled
///   becomes cancelled.
/// - `[modifications]`: id prefixes; `procurementMethodDetails` cut at a separator.
///   (`move_auctions` happens in the reader: `ReadOptions.moveAuctions`.)
struct Preparation {
    private let currency: String?
    private let bidStatus: String?
    private let awardStatus: String?
    private let partyRoles: Bool
    private let redactedAmounts: [Double]
    private let redactedIDs: Set<String>
    private let bidStatusMap: [String: String]
    private let awardStatusMap: [String: String]
    private let awardStatusByContractStatus: Bool
    private let buyerPrefix: String
    private let tendererPrefix: String
    private let splitDetails: String?
    let isIdentity: Bool

    init(settings s: CardinalSettings) {
        currency = s.defaults?.currency
        bidStatus = s.defaults?.bidStatus
        awardStatus = s.defaults?.awardStatus
        partyRoles = s.defaults?.partyRoles ?? false
        redactedAmounts = pipeSeparated(s.redactions?.amount).compactMap { Double($0) }
        redactedIDs = pipeSeparated(s.redactions?.organizationID)
        bidStatusMap = s.bidStatusCodelist ?? [:]
        awardStatusMap = s.awardStatusCodelist ?? [:]
        awardStatusByContractStatus = s.corrections?.awardStatusByContractStatus ?? false
        buyerPrefix = s.modifications?.prefixBuyerOrProcuringEntityID ?? ""
        tendererPrefix = s.modifications?.prefixTendererOrSupplierID ?? ""
        splitDetails = s.modifications?.splitProcurementMethodDetails.flatMap { $0.isEmpty ? nil : $0 }
        isIdentity = currency == nil && bidStatus == nil && awardStatus == nil && !partyRoles
            && redactedAmounts.isEmpty && redactedIDs.isEmpty && bidStatusMap.isEmpty && awardStatusMap.isEmpty
            && !awardStatusByContractStatus && buyerPrefix.isEmpty && tendererPrefix.isEmpty && splitDetails == nil
    }

    func apply(_ p: inout ContractingProcess) {
        guard !isIdentity else { return }
        var roles: [String: Set<String>] = [:]
        for i in p.parties.indices {
            if let id = p.parties[i].id, redactedIDs.contains(id) { p.parties[i].id = nil }
        }
        if var buyer = p.buyer {
            prepare(&buyer, prefix: buyerPrefix, role: "buyer", &roles)
            p.buyer = buyer
        }
        if var tender = p.tender {
            if var entity = tender.procuringEntity {
                prepare(&entity, prefix: buyerPrefix, role: "procuringEntity", &roles)
                tender.procuringEntity = entity
            }
            if let separator = splitDetails, let details = tender.procurementMethodDetails {
                let head = details.components(separatedBy: separator).first ?? details
                tender.procurementMethodDetails = String(head.reversed().drop(while: { $0.isWhitespace }).reversed())
            }
            p.tender = tender
        }
        if var bids = p.bids {
            for i in bids.indices {
                if var value = bids[i].value {
                    if let amount = value.amount, redactedAmounts.contains(amount.value) { value.amount = nil }
                    if value.currency == nil, let currency { value.currency = currency }
                    bids[i].value = value
                }
                if bids[i].status == nil, let bidStatus { bids[i].status = bidStatus }
                if let status = bids[i].status, let mapped = bidStatusMap[status] { bids[i].status = mapped }
                if var tenderers = bids[i].tenderers {
                    for j in tenderers.indices { prepare(&tenderers[j], prefix: tendererPrefix, role: "tenderer", &roles) }
                    bids[i].tenderers = tenderers
                }
            }
            p.bids = bids
        }
        if var awards = p.awards {
            var cancelledByAward: [String: Bool] = [:]
            if awardStatusByContractStatus {
                for contract in p.contracts {
                    guard let awardID = contract.awardID else { continue }
                    cancelledByAward[awardID] = (cancelledByAward[awardID] ?? true) && contract.status == "cancelled"
                }
            }
            for i in awards.indices {
                if awards[i].status == nil, let awardStatus { awards[i].status = awardStatus }
                if let status = awards[i].status, let mapped = awardStatusMap[status] { awards[i].status = mapped }
                if let id = awards[i].id, cancelledByAward[id] == true { awards[i].status = "cancelled" }
                if var suppliers = awards[i].suppliers {
                    for j in suppliers.indices { prepare(&suppliers[j], prefix: tendererPrefix, role: "supplier", &roles) }
                    awards[i].suppliers = suppliers
                }
            }
            p.awards = awards
        }
        if partyRoles {
            for i in p.parties.indices {
                guard let id = p.parties[i].id, let implied = roles[id] else { continue }
                p.parties[i].roles = Array(Set(p.parties[i].roles).union(implied)).sorted()
            }
        }
    }

    private func prepare(_ org: inout OrganizationReference, prefix: String, role: String, _ roles: inout [String: Set<String>]) {
        guard let id = org.id else { return }
        if redactedIDs.contains(id) {
            org.id = nil
            return
        }
        let prefixed = id.hasPrefix(prefix) ? id : prefix + id
        org.id = prefixed
        roles[prefixed, default: []].insert(role)
    }
}
