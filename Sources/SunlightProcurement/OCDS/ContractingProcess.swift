/// One contracting process (one OCDS compiled release), reduced to what Sunlight uses.
///
/// Why a compact model: inputs run to several gigabytes, and the indicators read perhaps a
/// twentieth of each release. Extracting these fields while streaming keeps memory bounded by
/// the batch being read, and gives the indicators typed values instead of JSON lookups.
///
/// Types follow Cardinal's reading of the JSON so that `cardinal_compat` can be exact: a field is
/// nil when it is absent *or of the wrong JSON type* (Cardinal's `if let Some(Value::String(…))`
/// treats both alike), and arrays are optional so that "absent" and "empty" stay distinct.
/// Identifiers written as JSON numbers are kept as their decimal text, and an organisation
/// reference given as a single object where OCDS wants an array becomes a one-element array —
/// the corrections Cardinal's `prepare` command always applies.
public struct ContractingProcess: Sendable, Codable {
    /// `/ocid`.
    public var ocid: String
    /// 1-based line of the input where this process starts (for a packaged or record-compiled
    /// process, the line of the release or record it came from).
    public var line: Int
    /// `/date`.
    public var date: OCDSDate?
    /// `/buyer`.
    public var buyer: OrganizationReference?
    /// `/tender`, if it is an object.
    public var tender: Tender?
    /// `/bids/details`, if `/bids` is an object and `details` an array.
    public var bids: [Bid]?
    /// `/awards`, if an array.
    public var awards: [Award]?
    /// `/contracts`.
    public var contracts: [Contract]
    /// `/parties`.
    public var parties: [Party]

    public init(ocid: String, line: Int = 0) {
        self.ocid = ocid
        self.line = line
        self.contracts = []
        self.parties = []
    }
}

/// A reference to an organisation (`buyer`, `procuringEntity`, a tenderer, a supplier).
public struct OrganizationReference: Sendable, Hashable, Codable {
    /// `id` as a string (a JSON number is kept as its text); nil if absent, redacted or not a
    /// string/number.
    public var id: String?
    public var name: String?

    public init(id: String? = nil, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

/// A JSON number as read: its `Double` (what Cardinal computes with) and its exact decimal value
/// (what Sunlight compares money with).
public struct Amount: Sendable, Hashable {
    public var value: Double
    public var exact: ExactDecimal
    /// The number had no fraction and no exponent (serde_json's `as_u64` reads only those).
    public var isIntegerLiteral: Bool

    public init(value: Double, exact: ExactDecimal, isIntegerLiteral: Bool) {
        self.value = value
        self.exact = exact
        self.isIntegerLiteral = isIntegerLiteral
    }

    /// Parses JSON number text; nil if it is not one.
    public init?(_ text: String) {
        guard let exact = ExactDecimal(text) else { return nil }
        var copy = text
        self.value = copy.withUTF8 { NumberConversion.double(UnsafeBufferPointer(rebasing: $0[...])) }
        self.exact = exact
        self.isIntegerLiteral = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    }
}

/// `value`: an amount and a currency, each nil if absent or of the wrong type.
public struct MonetaryValue: Sendable, Hashable, Codable {
    public var amount: Amount?
    public var currency: String?

    public init(amount: Amount? = nil, currency: String? = nil) {
        self.amount = amount
        self.currency = currency
    }
}

/// `/tender`.
public struct Tender: Sendable, Codable {
    public var id: String?
    public var status: String?
    public var procurementMethod: String?
    public var procurementMethodDetails: String?
    /// `/tender/tenderPeriod/startDate`.
    public var tenderPeriodStart: OCDSDate?
    /// `/tender/tenderPeriod/endDate`.
    public var tenderPeriodEnd: OCDSDate?
    /// Whether `/tender/tenderPeriod` is an object (even without dates).
    public var hasTenderPeriod: Bool
    /// `/tender/numberOfTenderers`, if a number.
    public var numberOfTenderers: Amount?
    public var value: MonetaryValue?
    public var procuringEntity: OrganizationReference?
    /// `/tender/items[]/classification/id`, in order, for items that have one.
    public var itemClassificationIDs: [String]

    public init() {
        hasTenderPeriod = false
        itemClassificationIDs = []
    }
}

/// `/bids/details[]`.
public struct Bid: Sendable, Codable {
    public var id: String?
    public var status: String?
    public var date: OCDSDate?
    public var value: MonetaryValue?
    /// `tenderers`, if an array (or a single object, made an array).
    public var tenderers: [OrganizationReference]?
    /// Sunlight's extension `/bids/details[]/sunlight` (Chinese bid-collusion evidence).
    public var sunlight: BidEvidence?

    public init() {}
}

/// Evidence a Chinese e-bidding platform records about a bid submission, carried in OCDS as the
/// extension object `bids.details[].sunlight`. The `bid.same_*` signals of rules.md compare these
/// between bidders of one tender (实施条例 Art. 40: same device, same bond account, same contact).
public struct BidEvidence: Sendable, Hashable, Codable {
    /// Machine code of the device that produced or uploaded the bid file (MAC, disk serial…).
    public var deviceID: String?
    /// Upload IP address.
    public var ip: String?
    /// Account the bid bond (投标保证金) was paid from.
    public var bondAccount: String?
    /// Hash of the bid document.
    public var fileHash: String?
    public var contactName: String?
    public var contactPhone: String?

    public init(deviceID: String? = nil, ip: String? = nil, bondAccount: String? = nil,
                fileHash: String? = nil, contactName: String? = nil, contactPhone: String? = nil) {
        self.deviceID = deviceID
        self.ip = ip
        self.bondAccount = bondAccount
        self.fileHash = fileHash
        self.contactName = contactName
        self.contactPhone = contactPhone
    }

    public var isEmpty: Bool {
        deviceID == nil && ip == nil && bondAccount == nil && fileHash == nil && contactName == nil && contactPhone == nil
    }
}

/// `/awards[]`.
public struct Award: Sendable, Codable {
    public var id: String?
    public var status: String?
    public var date: OCDSDate?
    public var value: MonetaryValue?
    /// `suppliers`, if an array (or a single object, made an array).
    public var suppliers: [OrganizationReference]?
    /// `relatedBids` (bid ids).
    public var relatedBids: [String]
    /// `/awards[]/items[]/classification/id`, in order, for items that have one.
    public var itemClassificationIDs: [String]

    public init() {
        relatedBids = []
        itemClassificationIDs = []
    }
}

/// `/contracts[]`, minimal.
public struct Contract: Sendable, Codable {
    public var id: String?
    public var awardID: String?
    public var status: String?
    public var value: MonetaryValue?
    public var dateSigned: OCDSDate?

    public init() {}
}

/// `/parties[]`.
public struct Party: Sendable, Codable {
    public var id: String?
    public var name: String?
    public var roles: [String]
    /// `identifier.scheme` (e.g. `CN-USCC` would let Sunlight match a unified social credit code).
    public var identifierScheme: String?
    /// `identifier.id`.
    public var identifierID: String?

    public init() {
        roles = []
    }
}
