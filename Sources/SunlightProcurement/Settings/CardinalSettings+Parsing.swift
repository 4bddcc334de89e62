extension CardinalSettings {
    /// Parses the text of a settings file. The result enables exactly the indicators whose
    /// sections appear (Cardinal's rule); `[R003.procurement_method_details]` alone also enables
    /// R003, as config-rs nests it under `R003`.
    public static func parse(_ text: String) throws(SettingsError) -> CardinalSettings {
        let file = try INIFile(parsing: text)
        var s = CardinalSettings.empty

        // Sections first: presence matters even without keys.
        for section in file.sections {
            switch section.name {
            case "output", "redactions", "corrections", "modifications", "exclusions", "codelists":
                break
            case "defaults": if s.defaults == nil { s.defaults = Defaults() }
            case "codelists.bid_status": if s.bidStatusCodelist == nil { s.bidStatusCodelist = [:] }
            case "codelists.award_status": if s.awardStatusCodelist == nil { s.awardStatusCodelist = [:] }
            case "R003", "R003.procurement_method_details": if s.r003 == nil { s.r003 = R003() }
            case "R018": if s.r018 == nil { s.r018 = R018() }
            case "R024": if s.r024 == nil { s.r024 = FloatThreshold() }
            case "R025": if s.r025 == nil { s.r025 = R025() }
            case "R028": s.r028 = true
            case "R030": s.r030 = true
            case "R035": if s.r035 == nil { s.r035 = IntegerThreshold() }
            case "R036": s.r036 = true
            case "R038": if s.r038 == nil { s.r038 = R038() }
            case "R048": if s.r048 == nil { s.r048 = R048() }
            case "R058": if s.r058 == nil { s.r058 = FloatThreshold() }
            default: throw SettingsError.unknownSection(section.name, line: section.line)
            }
        }

        for entry in file.entries {
            let v = entry.value
            let key = entry.key
            let line = entry.line
            func unknown() -> SettingsError { SettingsError.unknownKey(key, section: entry.section, line: line) }
            func int() throws(SettingsError) -> Int {
                guard let n = Int(v) else { throw SettingsError.invalidValue(key, v, expected: .integer, line: line) }
                return n
            }
            func natural() throws(SettingsError) -> Int {
                guard let n = Int(v), n >= 0 else { throw SettingsError.invalidValue(key, v, expected: .naturalNumber, line: line) }
                return n
            }
            func decimal() throws(SettingsError) -> Double {
                guard let d = Double(v) else { throw SettingsError.invalidValue(key, v, expected: .decimal, line: line) }
                return d
            }
            func bool() throws(SettingsError) -> Bool {
                switch v.lowercased() {
                case "true", "on", "yes", "1": return true
                case "false", "off", "no", "0": return false
                default: throw SettingsError.invalidValue(key, v, expected: .boolean, line: line)
                }
            }

            switch entry.section {
            case nil:
                switch key {
                case "currency": s.currency = v
                case "no_price_comparison_procurement_methods": s.noPriceComparisonProcurementMethods = v
                case "price_comparison_procurement_methods": s.priceComparisonProcurementMethods = v
                default: throw unknown()
                }
            case "output":
                guard key == "info_currency_mismatches" else { throw unknown() }
                s.infoCurrencyMismatches = try bool()
            case "defaults":
                switch key {
                case "currency": s.defaults!.currency = v
                case "item_classification_scheme": s.defaults!.itemClassificationScheme = v
                case "bid_status": s.defaults!.bidStatus = v
                case "award_status": s.defaults!.awardStatus = v
                case "party_roles": s.defaults!.partyRoles = try bool()
                case "cardinal_compat": s.defaults!.cardinalCompat = try bool()
                default: throw unknown()
                }
            case "redactions":
                if s.redactions == nil { s.redactions = Redactions() }
                switch key {
                case "amount": s.redactions!.amount = v
                case "organization_id": s.redactions!.organizationID = v
                default: throw unknown()
                }
            case "corrections":
                guard key == "award_status_by_contract_status" else { throw unknown() }
                if s.corrections == nil { s.corrections = Corrections() }
                s.corrections!.awardStatusByContractStatus = try bool()
            case "modifications":
                if s.modifications == nil { s.modifications = Modifications() }
                switch key {
                case "move_auctions": s.modifications!.moveAuctions = try bool()
                case "prefix_buyer_or_procuring_entity_id": s.modifications!.prefixBuyerOrProcuringEntityID = v
                case "prefix_tenderer_or_supplier_id": s.modifications!.prefixTendererOrSupplierID = v
                case "split_procurement_method_details": s.modifications!.splitProcurementMethodDetails = v
                default: throw unknown()
                }
            case "codelists.bid_status": s.bidStatusCodelist![key] = v
            case "codelists.award_status": s.awardStatusCodelist![key] = v
            case "exclusions":
                guard key == "procurement_method_details" else { throw unknown() }
                s.excludedProcurementMethodDetails = v
            case "R003":
                switch key {
                case "threshold": s.r003!.threshold = try int()
                case "procurement_methods": s.r003!.procurementMethods = v
                default: throw unknown()
                }
            case "R003.procurement_method_details":
                if s.r003!.procurementMethodDetails == nil { s.r003!.procurementMethodDetails = [:] }
                s.r003!.procurementMethodDetails![key] = try int()
            case "R018":
                guard key == "procurement_methods" else { throw unknown() }
                s.r018!.procurementMethods = v
            case "R024":
                guard key == "threshold" else { throw unknown() }
                s.r024!.threshold = try decimal()
            case "R025":
                switch key {
                case "percentile": s.r025!.percentile = try natural()
                case "threshold": s.r025!.threshold = try decimal()
                default: throw unknown()
                }
            case "R035":
                guard key == "threshold" else { throw unknown() }
                s.r035!.threshold = try natural()
            case "R038":
                switch key {
                case "threshold": s.r038!.threshold = try decimal()
                case "minimum_submitted_bids": s.r038!.minimumSubmittedBids = try natural()
                case "minimum_contracting_processes": s.r038!.minimumContractingProcesses = try natural()
                default: throw unknown()
                }
            case "R048":
                switch key {
                case "digits": s.r048!.digits = try natural()
                case "threshold": s.r048!.threshold = try natural()
                case "minimum_contracting_processes": s.r048!.minimumContractingProcesses = try natural()
                default: throw unknown()
                }
            case "R058":
                guard key == "threshold" else { throw unknown() }
                s.r058!.threshold = try decimal()
            default:
                // [R028], [R030], [R036] take no keys; [codelists] takes sub-sections only.
                throw unknown()
            }
        }
        return s
    }
}
