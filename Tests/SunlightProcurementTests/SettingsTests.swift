import Foundation
import Testing
@testable import SunlightProcurement

@Suite struct SettingsTests {
    @Test func defaultSettingsEnableEveryIndicator() {
        let s = CardinalSettings()
        #expect(s.enabledIndicators == IndicatorCode.allCases)
        #expect(!s.cardinalCompat)
    }

    @Test func sectionsEnableIndicatorsAsInCardinal() throws {
        let s = try CardinalSettings.parse("[R028]\n[R038]\nthreshold = 0.5\n")
        #expect(s.enabledIndicators == [.r028, .r038])
        #expect(s.r038?.threshold == 0.5)
        #expect(try CardinalSettings.parse("").enabledIndicators.isEmpty)
    }

    @Test func readsEveryCardinalKey() throws {
        let text = """
        ; Cardinal's init template, filled in
        currency = USD
        no_price_comparison_procurement_methods = Random Selection|Sorteo de Obras
        price_comparison_procurement_methods = Reverse Auction

        [output]
        info_currency_mismatches = true

        [defaults]
        currency = CNY
        item_classification_scheme = UNSPSC
        bid_status = valid
        award_status = active
        party_roles = true
        cardinal_compat = true

        [redactions]
        amount = 0|99999999
        organization_id = placeholder

        [corrections]
        award_status_by_contract_status = true

        [modifications]
        move_auctions = true
        prefix_buyer_or_procuring_entity_id = DO-UC-
        prefix_tenderer_or_supplier_id = DO-RPE-
        split_procurement_method_details = -

        [codelists.bid_status]
        qualified = valid

        [codelists.award_status]
        Active = active

        [exclusions]
        procurement_method_details = Random Selection

        [R003]
        threshold = 15
        procurement_methods = open|selective|limited

        [R003.procurement_method_details]
        Cotización = 7
        Licitación de Seguros = 10

        [R018]
        procurement_methods = open|selective
        [R024]
        threshold = 0.05
        [R025]
        percentile = 75
        threshold = 0.05
        [R028]
        [R030]
        [R035]
        threshold = 1
        [R036]
        [R038]
        threshold = 0.5
        minimum_submitted_bids = 2
        minimum_contracting_processes = 2
        [R048]
        digits = 2
        threshold = 10
        minimum_contracting_processes = 20
        [R058]
        threshold = 0.5
        """
        let s = try CardinalSettings.parse(text)
        #expect(s.currency == "USD")
        #expect(pipeSeparated(s.noPriceComparisonProcurementMethods) == ["Random Selection", "Sorteo de Obras"])
        #expect(s.priceComparisonProcurementMethods == "Reverse Auction")
        #expect(s.infoCurrencyMismatches == true)
        #expect(s.defaults?.currency == "CNY")
        #expect(s.defaults?.partyRoles == true)
        #expect(s.cardinalCompat)
        #expect(s.redactions?.amount == "0|99999999")
        #expect(s.corrections?.awardStatusByContractStatus == true)
        #expect(s.modifications?.prefixTendererOrSupplierID == "DO-RPE-")
        #expect(s.bidStatusCodelist == ["qualified": "valid"])
        #expect(s.awardStatusCodelist == ["Active": "active"])
        #expect(s.excludedProcurementMethodDetails == "Random Selection")
        #expect(s.r003 == CardinalSettings.R003(threshold: 15, procurementMethods: "open|selective|limited",
                                                 procurementMethodDetails: ["Cotización": 7, "Licitación de Seguros": 10]))
        #expect(s.r025 == CardinalSettings.R025(percentile: 75, threshold: 0.05))
        #expect(s.r038 == CardinalSettings.R038(threshold: 0.5, minimumSubmittedBids: 2, minimumContractingProcesses: 2))
        #expect(s.r048 == CardinalSettings.R048(digits: 2, threshold: 10, minimumContractingProcesses: 20))
        #expect(s.enabledIndicators == IndicatorCode.allCases)
    }

    @Test func dottedSectionAloneEnablesItsIndicator() throws {
        let s = try CardinalSettings.parse("[R003.procurement_method_details]\nx = 5\n")
        #expect(s.enabledIndicators == [.r003])
        #expect(s.r003?.procurementMethodDetails == ["x": 5])
        #expect(s.r003?.threshold == nil)
    }

    @Test func pipeSeparatedSplitsLikeRustSplitTerminator() {
        #expect(pipeSeparated("a|b|") == ["a", "b"])
        #expect(pipeSeparated("") == [])
        #expect(pipeSeparated("|") == [""])
        #expect(pipeSeparated("a||b") == ["a", "", "b"])
        #expect(pipeSeparated(nil) == [])
    }

    @Test func quotesEscapesColonsAndWindowsLineEnds() throws {
        let s = try CardinalSettings.parse("currency: \"USD\"\r\n[exclusions]\r\nprocurement_method_details = 'A|B'\r\n")
        #expect(s.currency == "USD")
        #expect(s.excludedProcurementMethodDetails == "A|B")
    }

    @Test func errorsCarryLineNumbersInBothLanguages() {
        func failure(_ text: String) -> SettingsError? {
            do {
                _ = try CardinalSettings.parse(text)
                return nil
            } catch {
                return error
            }
        }
        let unknownSection = failure("[R003]\n\n[r024]\n")
        #expect(unknownSection?.code == "settings.unknown_section")
        #expect(unknownSection?.line == 3)
        #expect(unknownSection?.messageZh.contains("第 3 行") == true)
        #expect(unknownSection?.messageEn.contains("line 3") == true)

        let unknownKey = failure("[R024]\nthreshold = 0.1\nthreshhold = 0.2\n")
        #expect(unknownKey?.code == "settings.unknown_key")
        #expect(unknownKey?.line == 3)

        // Cardinal's docs write `threshold = 15 # default`; rust-ini keeps the comment in the value.
        let inlineComment = failure("[R003]\nthreshold = 15 # default\n")
        #expect(inlineComment?.code == "settings.invalid_value")
        #expect(inlineComment?.line == 2)

        #expect(failure("[R038]\nminimum_submitted_bids = -1\n")?.code == "settings.invalid_value")
        #expect(failure("[defaults]\ncardinal_compat = maybe\n")?.code == "settings.invalid_value")
        #expect(failure("[R003\n")?.code == "settings.syntax")
        #expect(failure("just words\n")?.line == 1)
        #expect(failure("[R028]\nthreshold = 1\n")?.code == "settings.unknown_key")
        #expect(failure("top = 1\n")?.code == "settings.unknown_key")
    }

    @Test func loadsFromFileAndReportsMissingFile() throws {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sunlight-settings-\(UUID().uuidString).ini")
        try "[R036]\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try CardinalSettings.load(contentsOf: url).enabledIndicators == [.r036])
        #expect(throws: SettingsError.self) { try CardinalSettings.load(contentsOf: url.appendingPathExtension("missing")) }
    }
}
