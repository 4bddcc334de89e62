import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

struct DeceasedRecipientTests {
    let person = rid("19500101")

    @Test func deathOnLastDayOfMonthFlagsOnlyLaterPeriods() {
        let result = run(DeceasedRecipientRule()) { b in
            b.append(DeathRow(idNumber: person, deathDate: day("2024-03-31")))
            for p in ["2024-02", "2024-03", "2024-04", "2024-05"] { b.append(benefit(person, p)) }
        }
        #expect(result.status == .computed)
        #expect(result.flagged == 1)
        let finding = result.finding(person + "|农村低保")
        #expect(finding?.severity == .high)
        #expect(finding?.evidence["periods"]?.elements.compactMap { $0["period"]?.stringValue } == ["2024-04", "2024-05"])
        #expect(finding?.evidence["total"] == .string("600.00"))
        #expect(finding?.evidence["death_date"] == .string("2024-03-31"))
        #expect(finding?.summaryZh.contains("张三") == true)
        #expect(finding?.summaryZh.contains("600.00") == true)
    }

    @Test func graceMonthsShiftTheFirstOffendingPeriod() {
        let result = run(DeceasedRecipientRule(), parameters: params("[benefit.deceased]\ngrace_months = 1\n")) { b in
            b.append(DeathRow(idNumber: person, deathDate: day("2024-03-01")))
            for p in ["2024-04", "2024-05"] { b.append(benefit(person, p)) }
        }
        #expect(result.findings.first?.evidence["periods"]?.elements.compactMap { $0["period"]?.stringValue } == ["2024-05"])
        #expect(result.parameters["grace_months"] == "1")
    }

    @Test func earliestOfSeveralDeathRowsCounts() {
        let result = run(DeceasedRecipientRule()) { b in
            b.append(DeathRow(idNumber: person, deathDate: day("2024-06-10")))
            b.append(DeathRow(idNumber: person, deathDate: day("2024-01-10")))
            b.append(benefit(person, "2024-03"))
        }
        #expect(result.flagged == 1)
        #expect(result.findings.first?.evidence["death_date"] == .string("2024-01-10"))
    }

    @Test func livingRecipientsAreClearAndUnreadableIDsNotComputable() {
        let result = run(DeceasedRecipientRule()) { b in
            b.append(DeathRow(idNumber: person, deathDate: day("2024-01-10")))
            b.append(benefit(rid("19600101"), "2024-03"))
            b.append(benefit("123", "2024-03"))
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 1)
        #expect(result.notComputable == 1)
        #expect(result.notComputableReasons.first?.count == 1)
    }

    @Test func withoutDeathsTheRuleIsNotComputable() {
        let result = run(DeceasedRecipientRule()) { b in b.append(benefit(person, "2024-03")) }
        #expect(result.status == .notComputable(reasonZh: "无法计算：未导入死亡数据", reasonEn: "not computable: no deaths imported"))
        #expect(result.findings.isEmpty)
    }

    @Test func fifteenDigitIDIsUpgradedForMatching() {
        // 15-digit legacy form of 360102500101001X-style ID: region + yymmdd + seq
        let legacy = "360102500101001"
        let upgraded = try! ResidentID.parse(legacy).value
        let result = run(DeceasedRecipientRule()) { b in
            b.append(DeathRow(idNumber: upgraded, deathDate: day("2024-01-10")))
            b.append(benefit(legacy, "2024-03"))
        }
        #expect(result.subjects == [upgraded + "|农村低保"])
    }
}

struct OfficialRecipientTests {
    let recipient = rid("19700101", 1)
    let official = rid("19720202", 2)

    @Test func publiclyFundedRecipientActiveDuringPeriod() {
        let result = run(OfficialRecipientRule()) { b in
            // In post only from the last day of March: active during 2024-03.
            b.append(PersonRow(idNumber: recipient, name: "张三", unitCode: "U1", category: "civil_servant",
                               since: day("2024-03-31"), until: day("2024-04-01")))
            for p in ["2024-02", "2024-03", "2024-04", "2024-05"] { b.append(benefit(recipient, p)) }
        }
        #expect(result.flagged == 1)
        let periods = result.findings.first?.evidence["periods"]?.elements.compactMap { $0["period"]?.stringValue }
        #expect(periods == ["2024-03", "2024-04"])
    }

    @Test func householdMemberViaHouseholdsTable() {
        let result = run(OfficialRecipientRule()) { b in
            b.append(PersonRow(idNumber: official, name: "李四", unitCode: "U1", category: "institution_staff"))
            b.append(HouseholdRow(householdID: "H1", idNumber: recipient))
            b.append(HouseholdRow(householdID: "H1", idNumber: official))
            b.append(benefit(recipient, "2024-03"))
        }
        #expect(result.flagged == 1)
        #expect(result.findings.first?.evidence["officials"]?.elements.first?["relation"] == .string("household_member"))
    }

    @Test func householdMemberViaBenefitRowHouseholdID() {
        let result = run(OfficialRecipientRule()) { b in
            b.append(PersonRow(idNumber: official, name: "李四", unitCode: "U1", category: "soe_manager"))
            b.append(HouseholdRow(householdID: "H9", idNumber: official))
            b.append(benefit(recipient, "2024-03", household: "H9"))
        }
        #expect(result.flagged == 1)
    }

    @Test func includeHouseholdFalseChecksOnlyTheRecipient() {
        let result = run(OfficialRecipientRule(), parameters: params("[benefit.official]\ninclude_household = false")) { b in
            b.append(PersonRow(idNumber: official, name: "李四", unitCode: "U1", category: "civil_servant"))
            b.append(HouseholdRow(householdID: "H1", idNumber: recipient))
            b.append(HouseholdRow(householdID: "H1", idNumber: official))
            b.append(benefit(recipient, "2024-03"))
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 1)
    }

    @Test func notPubliclyFundedOrNotMeansTestedOrInactiveIsClear() {
        let result = run(OfficialRecipientRule()) { b in
            b.append(PersonRow(idNumber: recipient, name: "张三", unitCode: "V1", category: "village_cadre"))
            b.append(PersonRow(idNumber: official, name: "李四", unitCode: "U1", category: "civil_servant",
                               since: day("2020-01-01"), until: day("2024-02-29")))
            b.append(benefit(recipient, "2024-03"))
            b.append(benefit(official, "2024-03"))
            b.append(benefit(official, "2024-02", program: "高龄津贴"))   // not means-tested: not a subject
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 2)
    }
}

struct VehicleAndCompanyTests {
    let recipient = rid("19700101", 1)
    let member = rid("19950505", 3)

    @Test func vehicleRegisteredOnLastDayOfPeriodCounts() {
        let result = run(VehicleOwnerRecipientRule()) { b in
            b.append(VehicleRow(plate: "赣A12345", ownerIDNumber: recipient, vehicleType: "小型轿车", registered: day("2024-03-31")))
            for p in ["2024-02", "2024-03"] { b.append(benefit(recipient, p)) }
        }
        #expect(result.findings.first?.evidence["periods"]?.elements.compactMap { $0["period"]?.stringValue } == ["2024-03"])
    }

    @Test func exemptTypesAndEmptyRegistration() {
        let result = run(VehicleOwnerRecipientRule()) { b in
            b.append(VehicleRow(plate: "赣A1", ownerIDNumber: recipient, vehicleType: "普通二轮摩托车", registered: day("2000-01-01")))
            b.append(HouseholdRow(householdID: "H1", idNumber: recipient))
            b.append(HouseholdRow(householdID: "H1", idNumber: member))
            b.append(VehicleRow(plate: "赣A2", ownerIDNumber: member, vehicleType: nil, registered: nil))
            b.append(benefit(recipient, "2024-03"))
        }
        #expect(result.flagged == 1)
        let plates = result.findings.first?.evidence["vehicles"]?.elements.compactMap { $0["plate"]?.stringValue }
        #expect(plates == ["赣A2"])
    }

    @Test func onlyExemptVehicleIsClear() {
        let result = run(VehicleOwnerRecipientRule()) { b in
            b.append(VehicleRow(plate: "赣A1", ownerIDNumber: recipient, vehicleType: "三轮汽车"))
            b.append(benefit(recipient, "2024-03"))
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 1)
    }

    @Test func companyDeregisteredDuringPeriodStillCounts() {
        let result = run(CompanyLinkedRecipientRule()) { b in
            b.append(CompanyRow(uscc: "91360100MA00000001", name: "甲公司", legalRepIDNumber: recipient,
                                established: nil, status: "deregistered", statusDate: day("2024-03-01")))
            for p in ["2024-02", "2024-03", "2024-04"] { b.append(benefit(recipient, p)) }
        }
        let periods = result.findings.first?.evidence["periods"]?.elements.compactMap { $0["period"]?.stringValue }
        #expect(periods == ["2024-02", "2024-03"])
    }

    @Test func companyEstablishedAfterPeriodDoesNotCountAndRolesLink() {
        let result = run(CompanyLinkedRecipientRule()) { b in
            b.append(CompanyRow(uscc: "91360100MA00000002", name: "乙公司", established: day("2024-04-01")))
            b.append(CompanyRoleRow(uscc: "91360100MA00000002", holderIDNumber: recipient, role: "supervisor"))
            b.append(CompanyRow(uscc: "91360100MA00000003", name: "丙公司", established: day("2000-01-01")))
            b.append(CompanyRoleRow(uscc: "91360100MA00000003", holderUSCC: "91360100MA00000002", role: "shareholder"))
            for p in ["2024-03", "2024-04"] { b.append(benefit(recipient, p)) }
        }
        #expect(result.findings.count == 1)
        let f = result.findings.first
        #expect(f?.evidence["periods"]?.elements.compactMap { $0["period"]?.stringValue } == ["2024-04"])
        #expect(f?.evidence["companies"]?.elements.compactMap { $0["role"]?.stringValue } == ["supervisor"])
    }
}

struct DuplicateBenefitTests {
    let person = rid("19700101")

    @Test func sameProgramTwiceInOnePeriod() {
        let result = run(DuplicateBenefitRule()) { b in
            b.append(benefit(person, "2024-03"))
            b.append(benefit(person, "2024-03"))
            b.append(benefit(person, "2024-04"))
        }
        #expect(result.subjects == [person + "|2024-03"])
        #expect(result.clear == 1)
        #expect(result.findings.first?.evidence["repeated_programs"]?.strings == ["农村低保"])
        #expect(result.findings.first?.evidence["total"] == .string("600.00"))
    }

    @Test func mutuallyExclusiveDefaultPrograms() {
        let result = run(DuplicateBenefitRule()) { b in
            b.append(benefit(person, "2024-03", program: "城市低保"))
            b.append(benefit(person, "2024-03", program: "特困供养"))
            b.append(benefit(person, "2024-04", program: "农村低保"))
            b.append(benefit(person, "2024-04", program: "高龄津贴"))
        }
        #expect(result.subjects == [person + "|2024-03"])
    }

    @Test func programsRowExclusivityIsSymmetric() {
        let result = run(DuplicateBenefitRule()) { b in
            b.append(ProgramRow(program: "残疾人补贴", meansTested: false, exclusiveWith: ["护理补贴"]))
            b.append(benefit(person, "2024-03", program: "护理补贴"))
            b.append(benefit(person, "2024-03", program: "残疾人补贴"))
        }
        #expect(result.flagged == 1)
    }
}

struct CadreRelativeTests {
    let recipient = rid("19800101", 1)
    let cadre = rid("19550101", 2)

    private func cadrePost(_ b: inout SupervisionDataBuilder, village: String = "V1", until: LocalDate? = nil) {
        b.append(PersonRow(idNumber: cadre, name: "王书记", unitCode: village, category: "village_cadre", until: until))
    }

    @Test func relativesAreMutual() {
        // The row is written from the recipient's side: the cadre is the recipient's parent.
        let result = run(CadreRelativeRecipientRule()) { b in
            cadrePost(&b)
            b.append(RelativeRow(idNumber: recipient, relativeIDNumber: cadre, relation: "parent"))
            b.append(benefit(recipient, "2024-03", village: "V1"))
        }
        #expect(result.flagged == 1)
        #expect(result.findings.first?.severity == .medium)
        #expect(result.findings.first?.evidence["cadres"]?.elements.first?["recipient_is"] == .string("child"))
        let reverse = run(CadreRelativeRecipientRule()) { b in
            cadrePost(&b)
            b.append(RelativeRow(idNumber: cadre, relativeIDNumber: recipient, relation: "child"))
            b.append(benefit(recipient, "2024-03", village: "V1"))
        }
        #expect(reverse.flagged == 1)
    }

    @Test func selfRelationIgnoredAndOtherRelationNotClose() {
        let result = run(CadreRelativeRecipientRule()) { b in
            cadrePost(&b)
            b.append(RelativeRow(idNumber: cadre, relativeIDNumber: cadre, relation: "spouse"))
            b.append(RelativeRow(idNumber: cadre, relativeIDNumber: recipient, relation: "other"))
            b.append(benefit(recipient, "2024-03", village: "V1"))
            b.append(benefit(cadre, "2024-03", village: "V1"))
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 2)
    }

    @Test func villageFromHouseholdAndHouseholdMembership() {
        let result = run(CadreRelativeRecipientRule()) { b in
            cadrePost(&b)
            b.append(HouseholdRow(householdID: "H1", idNumber: recipient, villageCode: "V1"))
            b.append(HouseholdRow(householdID: "H1", idNumber: cadre, villageCode: "V1"))
            b.append(benefit(recipient, "2024-03"))
        }
        #expect(result.flagged == 1)
        #expect(result.findings.first?.evidence["village_codes"]?.strings == ["V1"])
    }

    @Test func otherVillageOrInactiveCadreIsClearAndUnknownVillageNotComputable() {
        let result = run(CadreRelativeRecipientRule()) { b in
            cadrePost(&b, until: day("2024-02-29"))
            b.append(RelativeRow(idNumber: recipient, relativeIDNumber: cadre, relation: "sibling"))
            b.append(benefit(recipient, "2024-03", village: "V1"))
            b.append(benefit(recipient, "2024-01", program: "高龄津贴", village: "V2"))
            b.append(benefit(rid("19900101", 5), "2024-03"))
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 2)
        #expect(result.notComputable == 1)
    }
}

struct SharedAccountTests {
    @Test func threePeopleFromTwoHouseholds() {
        let result = run(SharedAccountRule()) { b in
            b.append(benefit(rid("19700101", 1), "2024-03", household: "H1", account: "6222 0000-1111"))
            b.append(benefit(rid("19700101", 2), "2024-03", household: "H1", account: "622200001111"))
            b.append(benefit(rid("19700101", 3), "2024-03", account: "6222-0000-1111"))
            b.append(benefit(rid("19700101", 4), "2024-04", account: "9999"))
        }
        #expect(result.subjects == ["622200001111"])
        #expect(result.clear == 1)
        let period = result.findings.first?.evidence["periods"]?.elements.first
        #expect(period?["people_count"] == .integer(3))
        #expect(period?["household_count"] == .integer(2))
    }

    @Test func oneHouseholdIsNotShared() {
        let result = run(SharedAccountRule()) { b in
            for seq in 1...3 { b.append(benefit(rid("19700101", seq), "2024-03", household: "H1", account: "A1")) }
        }
        #expect(result.flagged == 0)
    }

    @Test func personsHouseholdFromTableAndMinPeople() {
        let ids = (1...3).map { rid("19700101", $0) }
        let fill: (inout SupervisionDataBuilder) -> Void = { b in
            for id in ids { b.append(HouseholdRow(householdID: "H1", idNumber: id)) }
            for id in ids { b.append(benefit(id, "2024-03", account: "A1")) }
        }
        #expect(run(SharedAccountRule(), fill).flagged == 0)   // all in H1 via the households table
        let two = run(SharedAccountRule(), parameters: params("[benefit.shared_account]\nmin_people = 2")) { b in
            b.append(benefit(ids[0], "2024-03", account: "A1"))
            b.append(benefit(ids[1], "2024-03", account: "A1"))   // unknown households: each its own
        }
        #expect(two.flagged == 1)
    }
}

struct AgeAndIDTests {
    @Test func ageIsCompletedYearsOnFirstDayOfPeriod() {
        let id = rid("19450302")
        let result = run(IneligibleAgeRule()) { b in
            b.append(benefit(id, "2025-03", program: "高龄津贴"))   // 79 on 2025-03-01
            b.append(benefit(id, "2025-04", program: "高龄津贴"))   // 80 on 2025-04-01
            b.append(benefit(id, "2025-03"))                         // no min_age: not a subject
        }
        #expect(result.flagged == 1)
        #expect(result.clear == 0)
        let line = result.findings.first?.evidence["periods"]?.elements
        #expect(line?.count == 1)
        #expect(line?.first?["age"] == .integer(79))
        #expect(result.findings.first?.evidence["min_age"] == .integer(80))
    }

    @Test func programsRowSetsMinAge() {
        let result = run(IneligibleAgeRule()) { b in
            b.append(ProgramRow(program: "百岁补贴", minAge: 100))
            b.append(benefit(rid("19300101"), "2025-03", program: "百岁补贴"))
            b.append(benefit("BAD", "2025-03", program: "百岁补贴"))
        }
        #expect(result.flagged == 1)
        #expect(result.notComputable == 1)
    }

    @Test func invalidIDs() {
        let valid = rid("19800101")
        var broken = valid
        broken.removeLast()
        broken += valid.hasSuffix("1") ? "2" : "1"
        let legacy = "360102500101001"
        let future = rid("20300101")
        let result = run(InvalidIDRule(), asOf: "2025-06-30") { b in
            b.append(benefit(valid, "2025-01"))
            b.append(benefit(broken, "2025-01"))
            b.append(benefit(broken, "2025-02"))
            b.append(benefit(legacy, "2025-01"))
            b.append(benefit("", "2025-01"))
            b.append(benefit(future, "2025-01"))
        }
        #expect(result.subjects == [broken + "|农村低保", future + "|农村低保"].sorted())
        #expect(result.clear == 2)   // the valid 18-digit ID and the valid legacy 15-digit one
        let f = result.finding(broken + "|农村低保")
        #expect(f?.evidence["reason_code"] == .string("id_number.checksum"))
        #expect(f?.evidence["total"] == .string("600.00"))
        #expect(result.finding(future + "|农村低保")?.evidence["reason_code"] == .string("id_number.birth_date"))
    }

    @Test func invalidFifteenDigitIDStaysFifteenInTheSubject() {
        let legacyBadMonth = "360102501301001"   // born 1950-13-01: no such day
        let result = run(InvalidIDRule()) { b in b.append(benefit(legacyBadMonth, "2025-01")) }
        #expect(result.subjects == [legacyBadMonth + "|农村低保"])
        #expect(result.findings.first?.evidence["reason_code"] == .string("id_number.birth_date"))
    }

    @Test func fifteenDigitRawIDKeptInSubject() {
        let result = run(InvalidIDRule()) { b in b.append(benefit("36010250010100", "2025-01")) }   // 14 digits
        #expect(result.subjects == ["36010250010100|农村低保"])
        #expect(result.findings.first?.evidence["reason_code"] == .string("id_number.length"))
    }
}
