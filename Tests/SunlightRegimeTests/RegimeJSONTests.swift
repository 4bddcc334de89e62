import Foundation
import SunlightDomain
import SunlightRegime
import Testing

@Suite struct RegimeJSONTests {
    @Test func shippedRegimeIsValid() {
        #expect(Regime.shipped.problems().isEmpty, "\(Regime.shipped.problems())")
        #expect(Regime.shipped.header.stamp == "2025.1@2025-06-01")
        #expect(Regime.shipped.governmentSanctions.header.effective == day("2020-07-01"))
    }

    @Test func roundTrip() throws {
        let data = try Regime.shipped.jsonData()
        let decoded = try Regime.decode(data)
        #expect(decoded == Regime.shipped)
        // Stable output: encoding again gives the same bytes.
        #expect(try decoded.jsonData() == data)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"petition.claim_opinion\""))
        #expect(json.contains("\"talk_or_letter\""))
        #expect(json.contains("谈话函询"))
    }

    @Test func anEditedCopyLoads() throws {
        var json = try #require(String(data: try Regime.shipped.jsonData(), encoding: .utf8))
        // An administrator confirms a 5-working-day "due soon" threshold.
        json = json.replacingOccurrences(of: "\"dueSoonWorkingDays\" : 3", with: "\"dueSoonWorkingDays\" : 5")
        let edited = try Regime.decode(Data(json.utf8))
        #expect(edited.deadlines.dueSoonWorkingDays == 5)
    }

    @Test func brokenJSONNamesThePlace() {
        #expect(code { try Regime.decode(Data("{".utf8)) } == "regime.json_invalid")
        do {
            var json = String(data: try Regime.shipped.jsonData(), encoding: .utf8)!
            json = json.replacingOccurrences(of: "\"unit\" : \"months\"", with: "\"unit\" : \"fortnights\"")
            _ = try Regime.decode(Data(json.utf8))
            Issue.record("expected an error")
        } catch {
            // Typed throws: `error` is a ValueError.
            #expect(error.code == "regime.json_invalid")
            #expect(error.messageEn.contains("deadlines.rules["))
        }
    }

    /// An edited copy naming a role Sunlight does not have is refused by validation, with the
    /// role named — not by the JSON decoder (there is one `Role` type, an enum).
    @Test func anUnknownRoleInJSONIsAValidationProblem() throws {
        var json = try #require(String(data: try Regime.shipped.jsonData(), encoding: .utf8))
        let roles = try #require(json.range(of: "\"roles\" : [\n"))
        json.insert(contentsOf: "\"janitor\", ", at: roles.upperBound)
        do {
            _ = try Regime.decode(Data(json.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "regime.unknown_role", "\(error.code)")
            #expect(error.messageEn.contains("janitor"), "\(error.messageEn)")
        }
    }

    func problemCodes(_ edit: (inout Regime) -> Void) -> [String] {
        var copy = Regime.shipped
        edit(&copy)
        return copy.problems().map(\.code)
    }

    @Test func unknownStatesInTransitions() throws {
        let codes = problemCodes { r in
            r.clueWorkflow.transitions[0].to = "archived"
        }
        #expect(codes == ["regime.unknown_state"])
        // And decoding such a copy fails with the same clear error.
        var broken = Regime.shipped
        broken.clueWorkflow.transitions.append(ClueTransition(
            from: "limbo", action: "wake", to: .assigned, label: BilingualText(zh: "唤醒", en: "wake"),
            roles: [.inspector], status: .unverified))
        #expect(code { try Regime.decode(try broken.jsonData()) } == "regime.unknown_state")
        do {
            _ = try Regime.decode(try broken.jsonData())
        } catch {
            #expect(error.messageZh.contains("limbo") && error.messageEn.contains("limbo"))
        }
    }

    @Test func negativeAndZeroAmounts() {
        #expect(problemCodes { $0.deadlines.rules[0].amount = -15 } == ["regime.amount_not_positive"])
        #expect(problemCodes { $0.deadlines.rules[3].extensionRule?.amount = 0 } == ["regime.amount_not_positive"])
        #expect(problemCodes { $0.governmentSanctions.sanctions[0].periodMonths = [-6] } == ["regime.amount_not_positive"])
        #expect(problemCodes { $0.clueWorkflow.heldReview.amount = 0 } == ["regime.amount_not_positive"])
        #expect(problemCodes { $0.deadlines.dueSoonWorkingDays = -1 } == ["regime.amount_negative"])
    }

    @Test func duplicateCodes() {
        #expect(problemCodes { r in r.deadlines.rules.append(r.deadlines.rules[0]) } == ["regime.duplicate_code"])
        #expect(problemCodes { r in r.clueWorkflow.transitions.append(r.clueWorkflow.transitions[0]) } == ["regime.duplicate_code"])
        #expect(problemCodes { r in r.partySanctions.sanctions[0].code = "gov.warning" }.contains("regime.duplicate_code"))
        #expect(problemCodes { r in r.clueWorkflow.states.append(r.clueWorkflow.states[0]) } == ["regime.duplicate_code"])
    }

    @Test func otherProblems() {
        #expect(problemCodes { $0.clueWorkflow.transitions[0].unknownRoles = ["janitor"] } == ["regime.unknown_role"])
        #expect(problemCodes { $0.clueWorkflow.transitions[0].roles = [] } == ["regime.no_roles"])
        #expect(problemCodes { $0.deadlines.rules[3].extensionRule?.unit = .months } == ["regime.extension_unit_mismatch"])
        #expect(problemCodes { $0.fourForms.sanctionForms[0].sanction = "party.scolding" } == ["regime.unknown_sanction"])
        #expect(problemCodes { $0.fourForms.sanctionForms[0].form = 7 } == ["regime.unknown_form"])
        #expect(problemCodes { $0.governmentSanctions.restrictions[0].allowed.append("gov.fine") } == ["regime.unknown_sanction"])
        #expect(problemCodes { $0.deadlines.header.version = " " } == ["regime.version_missing"])
        #expect(problemCodes { $0.deadlines.rules[0].title.en = "" } == ["regime.label_missing"])
        #expect(problemCodes { $0.governmentSanctions.sanctions[1].severity = 1 } == ["regime.duplicate_severity"])
        #expect(problemCodes { $0.governmentSanctions.sanctions[0].system = .party } == ["regime.wrong_system"])
        #expect(problemCodes { $0.governmentSanctions.sanctions[5].periodMonths = [60] } == ["regime.period_inconsistent"])
        #expect(problemCodes { r in
            r.clueWorkflow.transitions.append(ClueTransition(
                from: .closed, action: "reopen", to: .assigned, label: BilingualText(zh: "重启", en: "reopen"),
                roles: [.admin], status: .unverified))
        } == ["regime.terminal_state_has_transition"])
        #expect(problemCodes { $0.clueWorkflow.transitions[5].closure = "forgotten" } .contains("regime.unknown_closure_kind"))
    }

    @Test func allProblemsAreReportedTogether() {
        var broken = Regime.shipped
        broken.deadlines.rules[0].amount = -1
        broken.clueWorkflow.transitions[0].to = "nowhere"
        broken.deadlines.rules.append(broken.deadlines.rules[1])
        #expect(Set(broken.problems().map(\.code)) == ["regime.amount_not_positive", "regime.unknown_state", "regime.duplicate_code"])
        // `validate` throws the first, in table order (the duplicate rule code is found first).
        #expect(code { try broken.validate() } == broken.problems().first?.code)
        #expect(code { try broken.validate() } == "regime.duplicate_code")
        for problem in broken.problems() { #expect(!problem.messageZh.isEmpty && !problem.messageEn.isEmpty) }
    }
}
