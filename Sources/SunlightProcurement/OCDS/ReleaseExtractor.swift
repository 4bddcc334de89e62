/// Reads the fields of `ContractingProcess` out of one release object, skipping the rest.
///
/// The same pass also notes where packaging members (`releases`, `records`, `compiledRelease`)
/// are, so that one scan of a JSON value tells whether it is a release, a record or a package —
/// without knowing the member order in advance.
struct ReleaseExtractor {
    /// Cardinal's `[modifications] move_auctions`: take bids from `/auctions[]/stages[]/bids[]`
    /// when `/bids` is absent.
    var moveAuctions = false

    /// What one top-level object held.
    struct Scan {
        var process: ContractingProcess
        var ocid: String?
        /// Byte ranges of the elements of `releases`, if it is an array.
        var releaseElements: [Range<Int>]?
        /// Byte ranges of the elements of `records`, if it is an array.
        var recordElements: [Range<Int>]?
        /// `compiledRelease`, already extracted, if it is an object.
        var compiled: Compiled?
        /// Whether the object had members only a record has.
        var looksLikeRecord = false
    }

    /// An extracted `compiledRelease` and where its bytes are (for coverage).
    struct Compiled {
        var process: ContractingProcess
        var ocid: String?
        var range: Range<Int>
    }

    /// Scans an object at the cursor (which must be at `{`).
    func scan(_ c: inout JSONCursor, line: Int) throws(JSONSyntaxError) -> Scan {
        var result = Scan(process: ContractingProcess(ocid: "", line: line))
        var auctionBids: [Bid]? = nil
        var sawBids = false
        _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "ocid") {
                result.ocid = try c.readOptionalString()
            } else if c.key(key, is: "tender") {
                result.process.tender = try tender(&c)
            } else if c.key(key, is: "bids") {
                sawBids = true
                result.process.bids = try bids(&c)
            } else if c.key(key, is: "awards") {
                result.process.awards = try awards(&c)
            } else if c.key(key, is: "buyer") {
                result.process.buyer = try organization(&c)
            } else if c.key(key, is: "parties") {
                var parties: [Party] = []
                _ = try c.forEachElement { (c) throws(JSONSyntaxError) in parties.append(try party(&c)) }
                result.process.parties = parties
            } else if c.key(key, is: "contracts") {
                var contracts: [Contract] = []
                _ = try c.forEachElement { (c) throws(JSONSyntaxError) in contracts.append(try contract(&c)) }
                result.process.contracts = contracts
            } else if c.key(key, is: "date") {
                result.process.date = try c.readDate()
            } else if c.key(key, is: "releases") {
                result.releaseElements = try elementRanges(&c)
            } else if c.key(key, is: "records") {
                result.recordElements = try elementRanges(&c)
            } else if c.key(key, is: "compiledRelease") {
                result.looksLikeRecord = true
                c.skipWhitespace()
                let start = c.position
                if try c.nextIsObject() {
                    let inner = try scan(&c, line: line)
                    result.compiled = Compiled(process: inner.process, ocid: inner.ocid, range: start..<c.position)
                } else {
                    try c.skipValue()
                }
            } else if c.key(key, is: "versionedRelease") {
                result.looksLikeRecord = true
                try c.skipValue()
            } else if moveAuctions && c.key(key, is: "auctions") {
                auctionBids = try self.auctionBids(&c)
            } else {
                try c.skipValue()
            }
        }
        if moveAuctions, !sawBids, let auctionBids { result.process.bids = auctionBids }
        if let ocid = result.ocid { result.process.ocid = ocid }
        return result
    }

    /// The byte range of each element of an array (validated), or nil if not an array.
    private func elementRanges(_ c: inout JSONCursor) throws(JSONSyntaxError) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        let isArray = try c.forEachElement { (c) throws(JSONSyntaxError) in
            c.skipWhitespace()
            let start = c.position
            try c.skipValue()
            ranges.append(start..<c.position)
        }
        return isArray ? ranges : nil
    }

    // MARK: Parts

    func organization(_ c: inout JSONCursor) throws(JSONSyntaxError) -> OrganizationReference? {
        var org = OrganizationReference()
        let isObject = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "id") {
                org.id = try c.readIdentifier()
            } else if c.key(key, is: "name") {
                org.name = try c.readOptionalString()
            } else {
                try c.skipValue()
            }
        }
        return isObject ? org : nil
    }

    /// An array of organisation references; a lone object becomes a one-element array
    /// (Cardinal's `prepare` "correct structural errors").
    func organizations(_ c: inout JSONCursor) throws(JSONSyntaxError) -> [OrganizationReference]? {
        if try c.nextIsObject() {
            return try organization(&c).map { [$0] }
        }
        var list: [OrganizationReference] = []
        let isArray = try c.forEachElement { (c) throws(JSONSyntaxError) in
            list.append(try organization(&c) ?? OrganizationReference())
        }
        return isArray ? list : nil
    }

    func monetaryValue(_ c: inout JSONCursor) throws(JSONSyntaxError) -> MonetaryValue? {
        var value = MonetaryValue()
        let isObject = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "amount") {
                value.amount = try c.readAmount()
            } else if c.key(key, is: "currency") {
                value.currency = try c.readOptionalString()
            } else {
                try c.skipValue()
            }
        }
        return isObject ? value : nil
    }

    /// `items[].classification.id` (numbers stringified, as Cardinal's `prepare` does).
    func classificationIDs(_ c: inout JSONCursor) throws(JSONSyntaxError) -> [String] {
        var ids: [String] = []
        _ = try c.forEachElement { (c) throws(JSONSyntaxError) in
            _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
                if c.key(key, is: "classification") {
                    _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
                        if c.key(key, is: "id") {
                            if let id = try c.readIdentifier() { ids.append(id) }
                        } else {
                            try c.skipValue()
                        }
                    }
                } else {
                    try c.skipValue()
                }
            }
        }
        return ids
    }

    func tender(_ c: inout JSONCursor) throws(JSONSyntaxError) -> Tender? {
        var t = Tender()
        let isObject = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "status") {
                t.status = try c.readOptionalString()
            } else if c.key(key, is: "procurementMethod") {
                t.procurementMethod = try c.readOptionalString()
            } else if c.key(key, is: "procurementMethodDetails") {
                t.procurementMethodDetails = try c.readOptionalString()
            } else if c.key(key, is: "tenderPeriod") {
                t.hasTenderPeriod = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
                    if c.key(key, is: "startDate") {
                        t.tenderPeriodStart = try c.readDate()
                    } else if c.key(key, is: "endDate") {
                        t.tenderPeriodEnd = try c.readDate()
                    } else {
                        try c.skipValue()
                    }
                }
            } else if c.key(key, is: "numberOfTenderers") {
                t.numberOfTenderers = try c.readAmount()
            } else if c.key(key, is: "value") {
                t.value = try monetaryValue(&c)
            } else if c.key(key, is: "procuringEntity") {
                t.procuringEntity = try organization(&c)
            } else if c.key(key, is: "items") {
                t.itemClassificationIDs = try classificationIDs(&c)
            } else if c.key(key, is: "id") {
                t.id = try c.readIdentifier()
            } else {
                try c.skipValue()
            }
        }
        return isObject ? t : nil
    }

    func bids(_ c: inout JSONCursor) throws(JSONSyntaxError) -> [Bid]? {
        var details: [Bid]? = nil
        _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "details") {
                var list: [Bid] = []
                let isArray = try c.forEachElement { (c) throws(JSONSyntaxError) in list.append(try bid(&c)) }
                details = isArray ? list : nil
            } else {
                try c.skipValue()
            }
        }
        return details
    }

    func bid(_ c: inout JSONCursor) throws(JSONSyntaxError) -> Bid {
        var b = Bid()
        _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "status") {
                b.status = try c.readOptionalString()
            } else if c.key(key, is: "value") {
                b.value = try monetaryValue(&c)
            } else if c.key(key, is: "tenderers") {
                b.tenderers = try organizations(&c)
            } else if c.key(key, is: "date") {
                b.date = try c.readDate()
            } else if c.key(key, is: "id") {
                b.id = try c.readIdentifier()
            } else if c.key(key, is: "sunlight") {
                b.sunlight = try evidence(&c)
            } else {
                try c.skipValue()
            }
        }
        return b
    }

    func evidence(_ c: inout JSONCursor) throws(JSONSyntaxError) -> BidEvidence? {
        var e = BidEvidence()
        let isObject = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "device_id") {
                e.deviceID = try c.readIdentifier()
            } else if c.key(key, is: "ip") {
                e.ip = try c.readIdentifier()
            } else if c.key(key, is: "bond_account") {
                e.bondAccount = try c.readIdentifier()
            } else if c.key(key, is: "file_hash") {
                e.fileHash = try c.readIdentifier()
            } else if c.key(key, is: "contact_name") {
                e.contactName = try c.readOptionalString()
            } else if c.key(key, is: "contact_phone") {
                e.contactPhone = try c.readIdentifier()
            } else {
                try c.skipValue()
            }
        }
        return isObject && !e.isEmpty ? e : nil
    }

    func awards(_ c: inout JSONCursor) throws(JSONSyntaxError) -> [Award]? {
        var list: [Award] = []
        let isArray = try c.forEachElement { (c) throws(JSONSyntaxError) in list.append(try award(&c)) }
        return isArray ? list : nil
    }

    func award(_ c: inout JSONCursor) throws(JSONSyntaxError) -> Award {
        var a = Award()
        _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "status") {
                a.status = try c.readOptionalString()
            } else if c.key(key, is: "suppliers") {
                a.suppliers = try organizations(&c)
            } else if c.key(key, is: "items") {
                a.itemClassificationIDs = try classificationIDs(&c)
            } else if c.key(key, is: "value") {
                a.value = try monetaryValue(&c)
            } else if c.key(key, is: "date") {
                a.date = try c.readDate()
            } else if c.key(key, is: "id") {
                a.id = try c.readIdentifier()
            } else if c.key(key, is: "relatedBids") {
                var related: [String] = []
                _ = try c.forEachElement { (c) throws(JSONSyntaxError) in
                    if let id = try c.readIdentifier() { related.append(id) }
                }
                a.relatedBids = related
            } else {
                try c.skipValue()
            }
        }
        return a
    }

    func contract(_ c: inout JSONCursor) throws(JSONSyntaxError) -> Contract {
        var k = Contract()
        _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "id") {
                k.id = try c.readIdentifier()
            } else if c.key(key, is: "awardID") {
                k.awardID = try c.readIdentifier()
            } else if c.key(key, is: "status") {
                k.status = try c.readOptionalString()
            } else if c.key(key, is: "value") {
                k.value = try monetaryValue(&c)
            } else if c.key(key, is: "dateSigned") {
                k.dateSigned = try c.readDate()
            } else {
                try c.skipValue()
            }
        }
        return k
    }

    func party(_ c: inout JSONCursor) throws(JSONSyntaxError) -> Party {
        var p = Party()
        _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
            if c.key(key, is: "id") {
                p.id = try c.readIdentifier()
            } else if c.key(key, is: "name") {
                p.name = try c.readOptionalString()
            } else if c.key(key, is: "roles") {
                var roles: [String] = []
                _ = try c.forEachElement { (c) throws(JSONSyntaxError) in
                    if let role = try c.readOptionalString() { roles.append(role) }
                }
                p.roles = roles
            } else if c.key(key, is: "identifier") {
                _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
                    if c.key(key, is: "scheme") {
                        p.identifierScheme = try c.readOptionalString()
                    } else if c.key(key, is: "id") {
                        p.identifierID = try c.readIdentifier()
                    } else {
                        try c.skipValue()
                    }
                }
            } else {
                try c.skipValue()
            }
        }
        return p
    }

    /// `/auctions[]/stages[]/bids[]`, for `move_auctions`.
    func auctionBids(_ c: inout JSONCursor) throws(JSONSyntaxError) -> [Bid]? {
        var list: [Bid] = []
        let isArray = try c.forEachElement { (c) throws(JSONSyntaxError) in
            _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
                guard c.key(key, is: "stages") else { try c.skipValue(); return }
                _ = try c.forEachElement { (c) throws(JSONSyntaxError) in
                    _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
                        guard c.key(key, is: "bids") else { try c.skipValue(); return }
                        _ = try c.forEachElement { (c) throws(JSONSyntaxError) in list.append(try bid(&c)) }
                    }
                }
            }
        }
        return isArray ? list : nil
    }
}
