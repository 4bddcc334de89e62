import Foundation
import Testing
@testable import SunlightRules

struct ParameterTests {
    private func error(_ ini: String) -> ParameterError? {
        do {
            _ = try RuleParameters(iniText: ini)
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultsFollowTheCatalog() {
        let d = RuleParameters.defaults
        #expect(d.value(rule: "benefit.deceased", name: "grace_months") == "0")
        #expect(d.value(rule: "benefit.official", name: "include_household") == "true")
        #expect(d.value(rule: "benefit.vehicle", name: "exempt_types") == "摩托车, 三轮汽车, 低速货车, 残疾人")
        #expect(d.value(rule: "benefit.shared_account", name: "min_people") == "3")
        #expect(d.value(rule: "payment.duplicate", name: "window_days") == "30")
        #expect(d.value(rule: "payment.split", name: "window_days") == "30")
        #expect(d.value(rule: "payment.split", name: "threshold") == "1000000")
        #expect(d.value(rule: "payment.threshold_edge", name: "delta") == "0.05")
        #expect(d.value(rule: "payment.new_company", name: "days") == "180")
        #expect(d.value(rule: "payment.new_company", name: "min_amount") == "100000")
        #expect(d.value(rule: "payment.benford", name: "min_n") == "1000")
        #expect(d.value(rule: "budget.overrun", name: "tolerance") == "0")
        #expect(d.value(rule: "budget.three_public_increase", name: "tolerance") == "0")
        #expect(d.value(rule: "project.overrun", name: "tolerance") == "0.1")
        #expect(d.value(rule: "project.no_tender", name: "threshold") == "4000000")
        #expect(d.value(rule: "project.unclosed", name: "days") == "365")
        #expect(d.value(rule: "benefit.deceased", name: "nope") == nil)
        #expect(d.iniText() == "")
    }

    @Test func parsesCommentsSectionsAndRoundTrips() throws {
        let text = """
        # Sunlight rule settings
        ; another comment
        [benefit.deceased]
        grace_months = 1   # one month of grace

        [payment.threshold_edge]
        delta=0.10
        [benefit.official]
        include_household = 否
        [project.overrun]
        tolerance = 0.10
        """
        let p = try RuleParameters(iniText: text)
        #expect(p.value(rule: "benefit.deceased", name: "grace_months") == "1")
        #expect(p.value(rule: "payment.threshold_edge", name: "delta") == "0.1")
        #expect(p.value(rule: "benefit.official", name: "include_household") == "false")
        let written = p.iniText()
        #expect(!written.contains("project.overrun"))   // equal to the default
        #expect(written == "[benefit.deceased]\ngrace_months = 1\n\n[benefit.official]\ninclude_household = false\n\n[payment.threshold_edge]\ndelta = 0.1\n")
        #expect(try RuleParameters(iniText: written) == p)
    }

    @Test func rejectsWithLineNumbersInBothLanguages() {
        let unknownSection = error("# x\n[benefit.nope]\n")
        #expect(unknownSection?.line == 2)
        #expect(unknownSection?.messageZh.hasPrefix("第 2 行：") == true)
        #expect(unknownSection?.messageEn.hasPrefix("line 2: ") == true)
        #expect(error("[benefit.deceased]\ngrace = 1")?.line == 2)
        #expect(error("grace_months = 1")?.line == 1)
        #expect(error("[benefit.deceased]\ngrace_months\n")?.line == 2)
        #expect(error("[benefit.deceased]\ngrace_months = one")?.line == 2)
        #expect(error("[benefit.deceased]\ngrace_months = -1")?.line == 2)
        #expect(error("[payment.duplicate]\n\nwindow_days = -5")?.line == 3)
        #expect(error("[payment.threshold_edge]\ndelta = 0")?.line == 2)
        #expect(error("[payment.threshold_edge]\ndelta = 1")?.line == 2)
        #expect(error("[payment.threshold_edge]\ndelta = 1.5")?.line == 2)
        #expect(error("[benefit.shared_account]\nmin_people = 1")?.line == 2)
        #expect(error("[payment.split]\nthreshold = 100.001")?.line == 2)
        #expect(error("[benefit.deceased]\ngrace_months = 1\ngrace_months = 2")?.line == 3)
        #expect(error("[benefit.official]\ninclude_household = maybe")?.name == "include_household")
        #expect(error("[benefit.deceased\n")?.line == 1)
        #expect(error("[payment.threshold_edge]\ndelta = 0.999999") == nil)
        #expect(error("[payment.duplicate]\nwindow_days = 99999999999999999")?.line == 2)
        #expect(error("[benefit.deceased] # trailing comment\ngrace_months = 2 ; why") == nil)
    }

    @Test func settingForAnAdminForm() throws {
        let p = try RuleParameters.defaults.setting(rule: "payment.split", name: "threshold", value: "2,000,000")
        #expect(p.value(rule: "payment.split", name: "threshold") == "2000000")
        #expect(p.effective(rule: "payment.split") == ["threshold": "2000000", "window_days": "30"])
        let back = try p.setting(rule: "payment.split", name: "threshold", value: "1000000.00")
        #expect(back == .defaults)
        #expect(throws: ParameterError.self) { try p.setting(rule: "payment.split", name: "window_days", value: "-1") }
        #expect(throws: ParameterError.self) { try p.setting(rule: "x.y", name: "a", value: "1") }
    }

    @Test func exactDecimalComparisons() {
        #expect(Exact.exceeds(110_000, base: 100_000, tolerance: FixedDecimal(text: "0.1")!) == false)
        #expect(Exact.exceeds(110_001, base: 100_000, tolerance: FixedDecimal(text: "0.1")!) == true)
        #expect(Exact.exceeds(Int64.max, base: Int64.max - 1, tolerance: FixedDecimal(micros: 0)) == true)
        #expect(FixedDecimal(text: "1,000,000")?.text == "1000000")
        #expect(FixedDecimal(text: "0.050")?.text == "0.05")
        #expect(FixedDecimal(text: "1.") == nil)
        #expect(FixedDecimal(text: "abc") == nil)
    }
}
