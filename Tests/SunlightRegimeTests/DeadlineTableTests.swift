import SunlightDomain
import SunlightRegime
import Testing

@Suite struct DeadlineTableTests {
    @Test func shipsTheRegimeSteps() {
        let codes = regime.deadlines.rules.map(\.code)
        #expect(codes == [
            "petition.register_route", "petition.acknowledge", "petition.object_misrouted",
            "petition.claim_opinion", "petition.review_request", "petition.review_opinion",
            "petition.rereview_request", "petition.rereview_opinion",
            "report.forward_upward", "report.register_forwarded", "report.acceptance_notice",
            "report.result_notice", "report.assigned_case",
            "clue.disposition_proposal",
            "appeal.first_review_request", "appeal.first_review_decision",
            "appeal.second_review_request", "appeal.second_review_decision",
        ])
        // Amounts and units as regime.md gives them.
        let shape = Dictionary(uniqueKeysWithValues: regime.deadlines.rules.map { ($0.code, "\($0.amount) \($0.unit.rawValue)") })
        #expect(shape["petition.register_route"] == "15 calendar_days")
        #expect(shape["petition.object_misrouted"] == "5 working_days")
        #expect(shape["petition.claim_opinion"] == "60 calendar_days")
        #expect(shape["report.acceptance_notice"] == "15 working_days")
        #expect(shape["report.assigned_case"] == "3 months")
        #expect(shape["clue.disposition_proposal"] == "1 months")
        #expect(shape["appeal.first_review_decision"] == "1 months")
        #expect(shape["appeal.second_review_decision"] == "2 months")
    }

    @Test func sourceStatusesFollowRegimeMd() {
        for r in regime.deadlines.rules(in: .petition) + regime.deadlines.rules(in: .appeal) {
            #expect(r.status == .primary, "\(r.code)")
        }
        for r in regime.deadlines.rules(in: .report) + regime.deadlines.rules(in: .clue) {
            #expect(r.status == .secondary, "\(r.code)")
        }
        #expect(regime.deadlines.dueSoonStatus.isConfigurableDefault)
        #expect(regime.deadlines.dueSoonWorkingDays == 3)
        #expect(SourceStatus.unverified.label.en == "configurable default (unverified)")
    }

    @Test func extensionsAndPausesWhereTheSourceAllowsThem() throws {
        let claim = try #require(rule("petition.claim_opinion").extensionRule)
        #expect(claim.amount == 30 && claim.unit == .calendarDays && claim.requiresApproval && claim.isLimit)
        let assigned = try #require(rule("report.assigned_case").extensionRule)
        #expect(assigned.amount == 3 && assigned.unit == .months && !assigned.isLimit)
        #expect(regime.deadlines.rules.filter(\.allowsPause).map(\.code) == ["petition.rereview_opinion"])
        #expect(regime.deadlines.rules.filter { $0.extensionRule != nil }.map(\.code)
                == ["petition.claim_opinion", "report.assigned_case"])
    }

    @Test func applicabilityPicksTheRulesOfAReport() {
        let named = ReportContext(type: .accusation, source: .portal, realName: true, repeatReport: false)
        let codes = regime.deadlines.rules(applicableTo: named).map(\.code)
        #expect(codes.contains("report.acceptance_notice"))
        #expect(codes.contains("report.result_notice"))
        #expect(!codes.contains("report.assigned_case"))        // not a 交办件
        #expect(!codes.contains("petition.claim_opinion"))      // not a claim

        // A repeat real-name report: no new acceptance notice, but still a result notice.
        var repeatReport = named
        repeatReport.repeatReport = true
        let repeatCodes = regime.deadlines.rules(applicableTo: repeatReport).map(\.code)
        #expect(!repeatCodes.contains("report.acceptance_notice"))
        #expect(repeatCodes.contains("report.result_notice"))

        // Anonymous: neither notice.
        let anonymous = ReportContext(type: .accusation, source: .letter)
        #expect(regime.deadlines.rules(applicableTo: anonymous).filter { $0.applicability.realNameOnly }.isEmpty)

        let assigned = ReportContext(type: .accusation, source: .transferFromAbove)
        #expect(regime.deadlines.rules(applicableTo: assigned).map(\.code).contains("report.assigned_case"))

        let claim = ReportContext(type: .claim, source: .visit)
        let claimCodes = regime.deadlines.rules(applicableTo: claim).map(\.code)
        #expect(claimCodes.contains("petition.claim_opinion"))
        #expect(!claimCodes.contains { $0.hasPrefix("report.") })
    }

    @Test func vocabularyHasBothLanguages() {
        #expect(ReportType.allCases.map(\.rawValue) == ["suggestion", "accusation", "claim"])
        #expect(ReportSource.allCases.map(\.rawValue)
                == ["portal", "letter", "visit", "phone", "transfer_from_above", "finding", "other"])
        for label in ReportType.allCases.map(\.label) + ReportSource.allCases.map(\.label)
            + DeadlineUnit.allCases.map(\.label) + DeadlineEvent.allCases.map(\.label) {
            #expect(label.isComplete)
        }
        #expect(ReportType.accusation.label.zh == "检举控告类")
        #expect(ReportSource.phone.label.zh.contains("12388"))
    }
}
