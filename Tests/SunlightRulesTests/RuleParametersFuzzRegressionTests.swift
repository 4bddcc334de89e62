import Testing
@testable import SunlightRules

/// Inputs found by `scripts/fuzz.sh ini` (issue 18), kept as regression tests.
@Suite struct RuleParametersFuzzRegressionTests {
    /// Fuzz crash-09f687ff…: a Cardinal line ending in a lone CR. `iniText()` wrote it back as
    /// CR LF (one Character), which the reader did not split, so the round trip changed the value.
    @Test func loneCarriageReturnRoundTrips() throws {
        let input = "currency =cu\u{FFFD}otsro2\u{FFFD}.\u{FFFD}\u{FFFD}po\r"
        let parameters = try RuleParameters(iniText: input)
        #expect(try RuleParameters(iniText: parameters.iniText()) == parameters)
    }

    /// The same cause: a settings file saved with CRLF line ends (Windows Notepad) was read as a
    /// single line and refused.
    @Test func crlfSettingsFileReads() throws {
        let parameters = try RuleParameters(iniText: "[bid.near_ceiling]\r\nratio = 0.98\r\n\r\n[R003]\r\nthreshold = 10\r\n")
        #expect(parameters.value(rule: "bid.near_ceiling", name: "ratio") == "0.98")
        #expect(try RuleParameters(iniText: parameters.iniText()) == parameters)
    }
}
