import SunlightDomain
import SunlightRegime
import Testing

@Suite struct SanctionPeriodTests {
    let gov = regime.governmentSanctions
    let party = regime.partySanctions

    @Test func governmentPeriodsOfArticle8() throws {
        let periods = gov.sanctions.map { "\($0.code)=\($0.periodMonths)" }
        #expect(periods == ["gov.warning=[6]", "gov.demerit=[12]", "gov.major_demerit=[18]",
                            "gov.demotion=[24]", "gov.dismissal=[24]", "gov.expulsion=[]"])
        #expect(gov.sanction("gov.expulsion")?.endsRelationship == true)
        #expect(gov.sanctions.allSatisfy { $0.status == .primary })
    }

    @Test func partyPeriods() {
        let periods = party.sanctions.map { "\($0.code)=\($0.periodMonths)" }
        #expect(periods == ["party.warning=[12]", "party.serious_warning=[18]", "party.post_removal=[24]",
                            "party.probation=[12, 24]", "party.expulsion=[]"])
        #expect(party.sanction("party.expulsion")?.readmissionBarMonths == 60)
        #expect(party.sanctions.allSatisfy { $0.status == .secondary })
    }

    @Test func periodEndsTheDayBeforeTheSameDayNMonthsLater() throws {
        // Art. 8: counted from the day the decision takes effect, that day included.
        #expect(try gov.influencePeriod(of: "gov.warning", effective: day("2025-03-10"))
                == InfluencePeriod(start: day("2025-03-10"), lastDay: day("2025-09-09")))
        #expect(try gov.influencePeriod(of: "gov.demotion", effective: day("2025-01-15"))?.lastDay == day("2027-01-14"))
        // From the 1st: whole calendar months.
        #expect(try gov.influencePeriod(of: "gov.warning", effective: day("2025-03-01"))?.lastDay == day("2025-08-31"))
        // No corresponding day: the month's last day ends the period.
        #expect(try gov.influencePeriod(of: "gov.major_demerit", effective: day("2025-08-31"))?.lastDay == day("2027-02-28"))
        #expect(try gov.influencePeriod(of: "gov.demerit", effective: day("2024-02-29"))?.lastDay == day("2025-02-28"))
        // The period is not moved off holidays: 6 months from 2025-04-02 end on 10-01.
        #expect(try gov.influencePeriod(of: "gov.warning", effective: day("2025-04-02"))?.lastDay == day("2025-10-01"))
        // Expulsion has no period.
        #expect(try gov.influencePeriod(of: "gov.expulsion", effective: day("2025-03-10")) == nil)
        #expect(code { try gov.influencePeriod(of: "gov.nothing", effective: day("2025-03-10")) } == "sanction.unknown")
    }

    @Test func probationNeedsAChosenPeriod() throws {
        #expect(code { try party.influencePeriod(of: "party.probation", effective: day("2025-03-10")) }
                == "sanction.period_choice_required")
        #expect(try party.influencePeriod(of: "party.probation", effective: day("2025-03-10"), months: 24)?.lastDay
                == day("2027-03-09"))
        #expect(code { try party.influencePeriod(of: "party.probation", effective: day("2025-03-10"), months: 18) }
                == "sanction.period_not_offered")
        #expect(code { try party.influencePeriod(of: "party.warning", effective: day("2025-03-10"), months: 6) }
                == "sanction.period_not_offered")
    }

    @Test func inForceOnADate() throws {
        let effective = day("2025-03-10")
        func status(_ date: String) throws -> InfluenceStatus {
            try gov.status(of: "gov.warning", effective: effective, on: day(date))
        }
        #expect(try status("2025-03-09") == .notYetEffective(daysUntil: 1))
        // 03-10 … 09-09: 22 + 30 + 31 + 30 + 31 + 31 + 9 = 184 days.
        #expect(try status("2025-03-10") == .inForce(remainingDays: 184, lastDay: day("2025-09-09")))
        #expect(try status("2025-09-09") == .inForce(remainingDays: 1, lastDay: day("2025-09-09")))
        #expect(try status("2025-09-10") == .ended(lastDay: day("2025-09-09")))
        #expect(try status("2025-09-09").isInForce)
        #expect(try !status("2025-09-10").isInForce)
        // Expulsion is in force for good from its effective day.
        #expect(try gov.status(of: "gov.expulsion", effective: effective, on: day("2040-01-01")) == .permanent)
        #expect(try gov.status(of: "gov.expulsion", effective: effective, on: day("2025-03-08")) == .notYetEffective(daysUntil: 2))
        // Re-admission after 开除党籍 barred for 5 years: through 2030-03-09.
        #expect(try party.readmissionBar(of: "party.expulsion", effective: effective)?.lastDay == day("2030-03-09"))
        #expect(try party.readmissionBar(of: "party.warning", effective: effective) == nil)
    }
}

@Suite struct SanctionCombinationTests {
    let gov = regime.governmentSanctions

    @Test func heaviestWins() throws {
        let c = try gov.combine(["gov.warning", "gov.major_demerit", "gov.demerit"])
        #expect(c.applies == "gov.major_demerit")
        #expect(c.count == 1)
        #expect(c.allowedMonths == 18...18)
        let expelled = try gov.combine(["gov.dismissal", "gov.expulsion"])
        #expect(expelled.applies == "gov.expulsion")
        #expect(expelled.allowedMonths == nil)
    }

    @Test func identicalSanctionsGetARangeUpToTheSumAndTheCap() throws {
        #expect(try gov.combine(["gov.demerit", "gov.demerit"]).allowedMonths == 12...24)
        #expect(try gov.combine(["gov.warning", "gov.warning", "gov.warning"]).allowedMonths == 6...18)
        // 3 × 18 = 54 > 48.
        #expect(try gov.combine(["gov.major_demerit", "gov.major_demerit", "gov.major_demerit"]).allowedMonths == 18...48)
        // 3 × 撤职 (the heaviest combinable) = 72 → 48.
        #expect(try gov.combine(Array(repeating: "gov.dismissal", count: 3)).allowedMonths == 24...48)
        // Two 记大过 and a lighter 记过: the lighter is absorbed, the two 记大过 combine.
        let mixed = try gov.combine(["gov.major_demerit", "gov.demerit", "gov.major_demerit"])
        #expect(mixed.applies == "gov.major_demerit" && mixed.count == 2 && mixed.allowedMonths == 18...36)
    }

    @Test func chosenCombinedPeriodIsValidated() throws {
        let three = ["gov.demerit", "gov.demerit", "gov.demerit"]   // 12…36
        #expect(code { try gov.validateCombinedPeriod(30, for: three) } == nil)
        #expect(code { try gov.validateCombinedPeriod(12, for: three) } == nil)
        #expect(code { try gov.validateCombinedPeriod(36, for: three) } == nil)
        #expect(code { try gov.validateCombinedPeriod(11, for: three) } == "sanction.combined_period_below_single")
        #expect(code { try gov.validateCombinedPeriod(37, for: three) } == "sanction.combined_period_above_sum")
        let dismissals = Array(repeating: "gov.dismissal", count: 3)   // 24…48
        #expect(code { try gov.validateCombinedPeriod(48, for: dismissals) } == nil)
        #expect(code { try gov.validateCombinedPeriod(49, for: dismissals) } == "sanction.combined_period_above_cap")
        #expect(code { try gov.validateCombinedPeriod(24, for: ["gov.expulsion", "gov.expulsion"]) } == "sanction.not_combinable")
        #expect(code { try gov.validateCombinedPeriod(24, for: []) } == "sanction.none_given")
        #expect(code { try gov.validateCombinedPeriod(24, for: ["party.warning"]) } == "sanction.unknown")
        // The resulting period: 30 months from 2025-03-10 → through 2027-09-09.
        #expect(try gov.combinedInfluencePeriod(three, months: 30, effective: day("2025-03-10")).lastDay == day("2027-09-09"))
    }

    @Test func capIsData() throws {
        var edited = gov
        edited.combinationCapMonths = 36
        #expect(try edited.combine(Array(repeating: "gov.dismissal", count: 3)).allowedMonths == 24...36)
    }
}

@Suite struct VillageOfficialTests {
    let gov = regime.governmentSanctions

    @Test func onlyWarningDemeritAndMajorDemerit() {
        for category in ["grassroots_self_governance", "other_public_duty"] {
            for allowed in ["gov.warning", "gov.demerit", "gov.major_demerit"] {
                #expect(code { try gov.validate(allowed, forCategory: category) } == nil, "\(category) \(allowed)")
            }
            for refused in ["gov.demotion", "gov.dismissal", "gov.expulsion"] {
                #expect(code { try gov.validate(refused, forCategory: category) } == "sanction.not_allowed_for_category",
                        "\(category) \(refused)")
            }
        }
        // No category: anything in the table.
        #expect(code { try gov.validate("gov.expulsion", forCategory: nil) } == nil)
        #expect(code { try gov.validate("gov.warning", forCategory: "astronaut") } == "sanction.unknown_category")
    }

    @Test func messageNamesTheLaw() {
        do {
            try gov.validate("gov.dismissal", forCategory: "grassroots_self_governance")
            Issue.record("expected an error")
        } catch {
            #expect(error.messageZh.contains("第二十二条"))
            #expect(error.messageZh.contains("警告、记过、记大过"))
            #expect(error.messageEn.contains("Art. 22"))
        }
        #expect(gov.restriction("grassroots_self_governance")?.who.zh.contains("村民委员会") == true)
    }
}

@Suite struct PartyRemainderTests {
    let party = regime.partySanctions

    @Test func newSanctionAddsTheUnservedRemainder() throws {
        // 警告 from 2025-01-01 runs through 2025-12-31.
        let warning = try #require(try party.influencePeriod(of: "party.warning", effective: day("2025-01-01")))
        #expect(warning.lastDay == day("2025-12-31"))
        // 严重警告 from 2025-10-01: own period through 2027-03-31; unserved 10-01…12-31 = 92 days;
        // 2027-03-31 + 92 days = 2027-07-01 (April 30 + May 31 + June 30 = 91, + 1).
        let combined = try party.influencePeriod(of: "party.serious_warning", effective: day("2025-10-01"), during: warning)
        #expect(warning.remainingDays(on: day("2025-10-01")) == 92)
        #expect(combined == InfluencePeriod(start: day("2025-10-01"), lastDay: day("2027-07-01")))
        // After the earlier period ended, nothing is added.
        let later = try party.influencePeriod(of: "party.serious_warning", effective: day("2026-01-01"), during: warning)
        #expect(later.lastDay == day("2027-06-30"))
        // On the earlier period's last day one day remains: own period through 2026-12-30, + 1.
        let lastDay = try party.influencePeriod(of: "party.warning", effective: day("2025-12-31"), during: warning)
        #expect(lastDay.lastDay == day("2026-12-31"))
    }

    @Test func ruleCanBeSwitchedOffAndExpulsionHasNoPeriod() throws {
        let warning = InfluencePeriod.months(12, from: day("2025-01-01"))
        var edited = party
        edited.addsUnservedRemainder = false
        #expect(try edited.influencePeriod(of: "party.serious_warning", effective: day("2025-10-01"), during: warning).lastDay
                == day("2027-03-31"))
        #expect(code { try party.influencePeriod(of: "party.expulsion", effective: day("2025-10-01"), during: warning) }
                == "sanction.no_influence_period")
        #expect(party.remainderStatus == .secondary)
    }
}
