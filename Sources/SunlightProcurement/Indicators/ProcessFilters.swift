/// The selections Cardinal's indicators share (src/lib.rs), on the compact model.
extension ContractingProcess {
    /// `/tender/status` is "cancelled": Cardinal excludes the process from every indicator.
    var isCancelled: Bool { tender?.status == "cancelled" }

    /// Cardinal's `matches_procurement_method_details`: an allow list (`include`) if non-empty,
    /// else a deny list (`exclude`); a process without the field matches only a deny list.
    func matchesProcurementMethodDetails(include: Set<String>, exclude: Set<String>) -> Bool {
        if let details = tender?.procurementMethodDetails {
            return include.isEmpty ? !exclude.contains(details) : include.contains(details)
        }
        return include.isEmpty
    }

    /// Submitted bids: pending, valid or disqualified — any string status but "invited" and
    /// "withdrawn". A bid without a status is not submitted.
    var submittedBids: [Bid] {
        (bids ?? []).filter { bid in
            guard let status = bid.status else { return false }
            return status != "invited" && status != "withdrawn"
        }
    }

    enum AwardFinality {
        /// `/awards` or `/bids/details` is missing.
        case missing
        /// Some award is neither active, cancelled nor unsuccessful (e.g. pending).
        case notFinal
        /// Every award is final: the active ones, and all bids.
        case final(active: [Award], bids: [Bid])
    }

    /// Cardinal's `get_complete_awards_and_bids_if_all_awards_final`: awards without a string
    /// status are ignored; one award in another state makes the process unstable.
    var awardFinality: AwardFinality {
        guard let awards, let bids else { return .missing }
        var active: [Award] = []
        for award in awards {
            guard let status = award.status else { continue }
            switch status {
            case "active": active.append(award)
            case "cancelled", "unsuccessful": break
            default: return .notFinal
            }
        }
        return .final(active: active, bids: bids)
    }
}

extension Tender {
    /// Cardinal's `matches_procurement_method`: an empty set matches everything; otherwise the
    /// method must be set and listed.
    func matchesProcurementMethod(_ methods: Set<String>) -> Bool {
        if methods.isEmpty { return true }
        guard let method = procurementMethod else { return false }
        return methods.contains(method)
    }
}

/// A valid bid by exactly one tenderer with an amount and a currency (Cardinal's
/// `get_tenderer_and_value_of_valid_bids`).
struct PricedValidBid {
    let tenderer: String
    let amount: Amount
    let currency: String

    static func of(_ bids: [Bid]) -> [PricedValidBid] {
        bids.compactMap { bid in
            guard bid.status == "valid", let value = bid.value, let amount = value.amount,
                  let currency = value.currency, let tenderers = bid.tenderers, tenderers.count == 1,
                  let id = tenderers[0].id else { return nil }
            return PricedValidBid(tenderer: id, amount: amount, currency: currency)
        }
    }
}
