import Foundation
import SunlightTabular

/// The contract's datasets with their canonical English headers, in the contract's column order.
public enum DemoDataset: String, CaseIterable, Sendable {
    case units, people, relatives, households, deaths, companies
    case companyRoles = "company_roles"
    case vehicles, programs, benefits, budgets, payments, projects, tenders, bids
    case serviceCases = "service_cases"

    public var fileName: String { rawValue + ".csv" }

    /// Canonical column names (`data-contract.md`).
    public var header: [String] {
        switch self {
        case .units: return ["unit_code", "name", "parent_code", "kind", "region_code"]
        case .people: return ["id_number", "name", "unit_code", "post", "rank", "category", "is_leader", "since", "until"]
        case .relatives: return ["id_number", "relative_id_number", "relative_name", "relation"]
        case .households: return ["household_id", "id_number", "name", "relation_to_head", "village_code"]
        case .deaths: return ["id_number", "name", "death_date"]
        case .companies: return ["uscc", "name", "legal_rep_id_number", "legal_rep_name", "established", "address", "phone", "status", "status_date"]
        case .companyRoles: return ["uscc", "holder_id_number", "holder_uscc", "holder_name", "role", "share_pct"]
        case .vehicles: return ["plate", "owner_id_number", "owner_name", "vehicle_type", "registered"]
        case .programs: return ["program", "means_tested", "exclusive_with", "min_age"]
        case .benefits: return ["program", "period", "id_number", "name", "household_id", "village_code", "amount", "account", "paid_date"]
        case .budgets: return ["year", "unit_code", "category", "project_code", "amount"]
        case .payments: return ["voucher_no", "unit_code", "date", "payee_name", "payee_code", "payee_account", "amount", "category", "project_code", "purpose", "approver_id_number"]
        case .projects: return ["project_code", "name", "unit_code", "approved_budget", "funding_source", "approved_date", "tender_id", "contract_amount", "final_amount", "approved_scale", "actual_scale", "status", "accepted_date", "closed_date"]
        case .tenders: return ["tender_id", "title", "buyer_unit_code", "method", "ceiling", "published_date", "deadline", "award_date", "winner_uscc", "award_amount"]
        case .bids: return ["tender_id", "bidder_uscc", "bidder_name", "amount", "submitted_at", "status", "file_hash", "device_id", "ip", "bond_account", "contact_name", "contact_phone"]
        case .serviceCases: return ["case_no", "matter", "unit_code", "received_at", "completed_at", "time_limit_days", "handler_id_number", "status"]
        }
    }
}

/// One streaming CSV writer per dataset; rows go straight to disk, so memory stays flat whatever
/// the size. Counts rows per dataset for the summary.
final class DemoOutput {
    private var writers: [DemoDataset: CSVWriter] = [:]
    private(set) var counts: [DemoDataset: Int] = [:]

    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for ds in DemoDataset.allCases {
            let w = try CSVWriter(url: directory.appendingPathComponent(ds.fileName), bom: false)
            try w.write(row: ds.header)
            writers[ds] = w
            counts[ds] = 0
        }
    }

    func write(_ ds: DemoDataset, _ row: [String]) throws {
        precondition(row.count == ds.header.count, "\(ds.rawValue): \(row.count) fields, header has \(ds.header.count)")
        try writers[ds]!.write(row: row)
        counts[ds]! += 1
    }

    func close() throws {
        for ds in DemoDataset.allCases { try writers[ds]!.close() }
    }
}
