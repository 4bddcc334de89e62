/// Which fields the data has, and so which indicators it can support.
///
/// `paths` is Cardinal's `coverage` output (path → number of non-empty occurrences, in Cardinal's
/// order); Sunlight adds, per path, the number of contracting processes that have it, and reads
/// the indicator requirements off that.
public struct CoverageReport: Sendable, Equatable {
    public struct PathCount: Sendable, Equatable {
        /// Cardinal's path syntax: `""` the value, `/` an object, `/tender/tenderPeriod/endDate`,
        /// `/bids/details[]/status` (`[]` = an array element).
        public let path: String
        /// Non-empty occurrences (Cardinal's number).
        public let count: Int
        /// Processes (or lines) with at least one non-empty occurrence.
        public let processes: Int
    }

    /// Processes (or JSON lines) walked.
    public let processes: Int
    /// Paths in the order Cardinal lists them (first counted first; children before parents).
    public let paths: [PathCount]

    public init(processes: Int, paths: [PathCount]) {
        self.processes = processes
        self.paths = paths
    }

    /// Occurrences of `path` (0 if never non-empty).
    public func count(_ path: String) -> Int { paths.first { $0.path == path }?.count ?? 0 }

    /// Processes having `path` at least once.
    public func processesWith(_ path: String) -> Int { paths.first { $0.path == path }?.processes ?? 0 }

    /// Cardinal's output as JSON (`{"/a": 1, "/": 1, "": 1}`), keys in Cardinal's order, with
    /// Cardinal's spacing (it prints the map's debug form, which is JSON for these keys).
    public var cardinalJSON: String {
        var out = "{"
        for (i, p) in paths.enumerated() {
            if i > 0 { out += ", " }
            var bytes: [UInt8] = []
            JSONValue.writeString(p.path, into: &bytes)
            out += String(decoding: bytes, as: UTF8.self) + ": " + String(p.count)
        }
        return out + "}"
    }

    /// Per indicator: whether the fields it reads are present, and in how many processes.
    public var indicatorSupport: [IndicatorSupport] {
        IndicatorCode.allCases.map { code in
            let fields = IndicatorSupport.requirements(code).map { req in
                IndicatorSupport.Field(path: req.path, role: req.role, processes: processesWith(req.path))
            }
            return IndicatorSupport(code: code, fields: fields)
        }
    }
}

/// Whether the data can support one indicator, from the coverage of the fields it reads.
public struct IndicatorSupport: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        /// Without it the indicator cannot be computed for any process.
        case required
        /// At least one field of the group is needed (R038: buyer, procuring entity or tenderer).
        case anyOf(String)
        /// Narrows or configures the indicator; not needed.
        case optional
    }

    public struct Field: Sendable, Equatable {
        public let path: String
        public let role: Role
        /// Processes having the field.
        public let processes: Int
    }

    public enum Status: String, Sendable {
        case supported
        case unsupported
    }

    public let code: IndicatorCode
    public let fields: [Field]

    /// Required fields absent from every process (and any-of groups with no field present).
    public var missing: [String] {
        var result = fields.filter { $0.role == .required && $0.processes == 0 }.map(\.path)
        var groups: [String: [Field]] = [:]
        for f in fields { if case let .anyOf(g) = f.role { groups[g, default: []].append(f) } }
        for (_, group) in groups.sorted(by: { $0.key < $1.key }) where group.allSatisfy({ $0.processes == 0 }) {
            result.append(group.map(\.path).joined(separator: " | "))
        }
        return result
    }

    public var status: Status { missing.isEmpty ? .supported : .unsupported }

    /// Processes having every required field — an upper bound on those the indicator can judge.
    public var processesWithAllRequired: Int {
        fields.filter { $0.role == .required }.map(\.processes).min() ?? 0
    }

    /// The fields each indicator reads, from Cardinal's methodology and code.
    static func requirements(_ code: IndicatorCode) -> [(path: String, role: Role)] {
        let bidStatus = "/bids/details[]/status"
        let bidAmount = "/bids/details[]/value/amount"
        let bidCurrency = "/bids/details[]/value/currency"
        let tendererID = "/bids/details[]/tenderers[]/id"
        let awardStatus = "/awards[]/status"
        let supplierID = "/awards[]/suppliers[]/id"
        let pmd = ("/tender/procurementMethodDetails", Role.optional)
        switch code {
        case .r003:
            return [("/tender/tenderPeriod/startDate", .required), ("/tender/tenderPeriod/endDate", .required),
                    ("/tender/procurementMethod", .optional), pmd]
        case .r018:
            return [("/tender/numberOfTenderers", .required), ("/tender/procurementMethod", .required)]
        case .r024, .r058:
            return [(bidStatus, .required), (bidAmount, .required), (bidCurrency, .required), (tendererID, .required),
                    (awardStatus, .required), (supplierID, .required), pmd]
        case .r025, .r035:
            return [(bidStatus, .required), (tendererID, .required), (awardStatus, .required), (supplierID, .required)]
        case .r028:
            return [(bidStatus, .required), (bidAmount, .required), (bidCurrency, .required), (tendererID, .required), pmd]
        case .r030:
            return [("/tender/tenderPeriod/endDate", .required), (bidStatus, .required), ("/bids/details[]/date", .required),
                    (tendererID, .required), (awardStatus, .required), (supplierID, .required)]
        case .r036:
            return [(bidStatus, .required), (bidAmount, .required), (bidCurrency, .required), (awardStatus, .required), pmd]
        case .r038:
            return [(bidStatus, .required), ("/buyer/id", .anyOf("organization")),
                    ("/tender/procuringEntity/id", .anyOf("organization")), (tendererID, .anyOf("organization"))]
        case .r048:
            return [(awardStatus, .required), (supplierID, .required), ("/awards[]/items[]/classification/id", .required)]
        }
    }
}
