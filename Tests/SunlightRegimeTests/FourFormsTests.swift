import SunlightRegime
import Testing

@Suite struct FourFormsTests {
    let table = regime.fourForms

    @Test func measuresExactlyAsRegimeMdLists() {
        #expect(table.outcomes(inForm: 1) == ["reminder_talk", "criticism", "ordered_self_examination",
                                               "circulated_criticism", "admonishment", "return_of_gains",
                                               "rectification_by_deadline", "other"])
        #expect(table.outcomes(inForm: 2) == ["party.warning", "party.serious_warning",
                                               "gov.warning", "gov.demerit", "gov.major_demerit",
                                               "suspension_for_examination", "reassignment", "ordered_resignation",
                                               "lowered_post", "removal_from_post"])
        #expect(table.outcomes(inForm: 3) == ["party.post_removal", "party.probation", "party.expulsion",
                                               "gov.demotion", "gov.dismissal", "gov.expulsion"])
        #expect(table.outcomes(inForm: 4) == ["criminal_case_filed", "referred_for_prosecution"])
        #expect(table.outcomes(inForm: 5).isEmpty)
        #expect(table.form(1)?.measures.first?.label.zh == "提醒谈话")
        #expect(table.form(2)?.measures.map(\.label.zh) == ["停职检查", "调整职务", "责令辞职", "降职", "免职"])
    }

    @Test func sanctionMappingIsATableMarkedUnverifiedForGovernmentSanctions() {
        #expect(regime.form(ofOutcome: "gov.major_demerit") == 2)
        #expect(regime.form(ofOutcome: "gov.demotion") == 3)
        #expect(regime.form(ofOutcome: "admonishment") == 1)
        #expect(regime.form(ofOutcome: "referred_for_prosecution") == 4)
        #expect(regime.form(ofOutcome: "nonsense") == nil)
        for mapping in table.sanctionForms {
            #expect(mapping.status == (mapping.sanction.hasPrefix("gov.") ? .unverified : .secondary))
        }
        // Every sanction of both systems has a form.
        for type in regime.governmentSanctions.sanctions + regime.partySanctions.sanctions {
            #expect(table.form(ofSanction: type.code) != nil, "\(type.code)")
        }
    }

    @Test func anEditedMappingMovesTheSanction() throws {
        var edited = regime
        let index = try #require(edited.fourForms.sanctionForms.firstIndex { $0.sanction == "gov.major_demerit" })
        edited.fourForms.sanctionForms[index].form = 3
        #expect(edited.form(ofOutcome: "gov.major_demerit") == 3)
        #expect(edited.fourForms.outcomes(inForm: 3).contains("gov.major_demerit"))
        #expect(edited.problems().isEmpty)
    }
}
