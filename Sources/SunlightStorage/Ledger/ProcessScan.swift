import Crypto
import Foundation
import SQLKit
import SunlightContract

/// Pass 2 of `verify` for OCDS processes (`ocds_processes`): each stored process is hashed
/// again from its canonical JSON, and that hash must be both the row's `record_hash` and the
/// hash its latest ledger entry recorded. A process edited, inserted or deleted with raw SQL
/// is caught like a dataset record.
final class ProcessScan: @unchecked Sendable {
    var unvisited: [String: LatestEntry]
    var count = 0
    var problems: [String] = []

    init(latest: [String: LatestEntry]) { self.unvisited = latest }

    func consume(_ row: any SQLRow) {
        count += 1
        do {
            let id = String(try row.decode(column: "id", as: Int64.self))
            let ocid = try row.decode(column: "ocid", as: String.self)
            let json = try row.decode(column: "process", as: String.self)
            let stored = try row.decode(column: "record_hash", as: String.self)
            let hash = Hex.encode(SHA256.hash(data: Data(json.utf8)))
            guard let latest = unvisited.removeValue(forKey: id) else {
                problems.append("ocds \(ocid) (#\(id)): no ledger entry: inserted outside Sunlight")
                return
            }
            if latest.action == "delete" {
                problems.append("ocds \(ocid) (#\(id)): present, but the ledger recorded its deletion at entry \(latest.seq)")
            } else if hash != stored || latest.hashAfter != hash {
                problems.append("ocds \(ocid) (#\(id)): content differs from ledger entry \(latest.seq): edited outside Sunlight")
            }
        } catch {
            problems.append("ocds: unreadable row (\(error))")
        }
    }

    /// Processes the ledger knows but the table no longer holds.
    var missing: [String] {
        unvisited.sorted { $0.key < $1.key }.filter { $0.value.action != "delete" }.map { id, state in
            "ocds #\(id): in the ledger (last \(state.action) at entry \(state.seq)) but missing from the table: deleted outside Sunlight"
        }
    }
}
