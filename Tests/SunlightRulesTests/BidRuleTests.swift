import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

// MARK: helpers

/// A datetime as the importer stores it: the contract's forms, China local time without an offset.
func instant(_ text: String) -> Date {
    do { return try DateParsing.instant(text) } catch { fatalError("bad test datetime \(text)") }
}

/// A tender with the usual defaults: an open tender of U1, ceiling 1,000,000 yuan, published
/// 2025-03-01 with a deadline 24 days later, awarded.
func tender(_ id: String, buyer: String = "U1", method: String? = "open", ceiling: Int64? = yuan(1_000_000),
            published: String? = "2025-03-01", deadline: String? = "2025-03-25 09:30", awardDate: String? = "2025-04-01",
            winner: String? = nil, awardAmount: Int64? = nil, title: String? = "办公楼维修工程") -> TenderRow {
    TenderRow(tenderID: id, title: title, buyerUnitCode: buyer, method: method, ceiling: ceiling,
              publishedDate: published.map(day), deadline: deadline.map(instant), awardDate: awardDate.map(day),
              winnerUSCC: winner, awardAmount: awardAmount)
}

func bid(_ tender: String, _ uscc: String, _ amount: Int64, status: String? = "valid", submitted: String? = nil,
         hash: String? = nil, device: String? = nil, ip: String? = nil, bond: String? = nil,
         contactName: String? = nil, phone: String? = nil, name: String? = nil) -> BidRow {
    BidRow(tenderID: tender, bidderUSCC: uscc, bidderName: name ?? "公司" + uscc.suffix(1), amount: amount,
           submittedAt: submitted.map(instant), status: status, fileHash: hash, deviceID: device, ip: ip,
           bondAccount: bond, contactName: contactName, contactPhone: phone)
}

/// Bidders' USCCs (the rules do not validate them; the importer does).
let usccA = "91360100MA00000A1A", usccB = "91360100MA00000B2B", usccC = "91360100MA00000C3C", usccD = "91360100MA00000D4D"

extension RuleResult {
    var isNotComputable: Bool { if case .notComputable = status { return true } else { return false } }
}

// MARK: input

struct BidInputTests {
    @Test func rowsAreDeduplicatedOnTheContractsKeysTheLaterRowWinning() {
        var b = SupervisionDataBuilder()
        b.append(tender("T1", ceiling: yuan(100)))
        b.append(tender("T1", ceiling: yuan(200)))
        b.append(bid("T1", usccA, yuan(10)))
        b.append(bid("T2", usccB, yuan(30)))
        b.append(bid("T1", usccA, yuan(20)))
        let data = b.build()
        #expect(data.rowCount(.tenders) == 2)
        #expect(data.rowCount(.bids) == 3)
        #expect(data.tenders.count == 1)
        #expect(data.tenders[0].ceiling == yuan(200))
        #expect(data.bids.map(\.amount) == [yuan(20), yuan(30)])
        // T2 is known only from bids: a group without a tenders row.
        #expect(data.bidGroups.map { data.text($0.tender) } == ["T1", "T2"])
        #expect(data.bidGroups[1].record == -1)
    }

    @Test func bidsOfATenderAreInByteOrderOfTheUSCCAndUSCCsUpperCased() {
        var b = SupervisionDataBuilder()
        b.append(tender("T1"))
        b.append(bid("T1", "91b", 1))
        b.append(bid("T1", "91C", 2))
        b.append(bid("T1", " 91a ", 3))
        let data = b.build()
        #expect(data.bids.map { data.text($0.bidder) } == ["91A", "91B", "91C"])
    }

    @Test func valuesAreNormalisedForComparisonAndKeptAsWrittenForEvidence() {
        var b = SupervisionDataBuilder()
        b.append(bid("T1", usccA, 1, hash: "ABCdef", device: "3c-97-0e-01", ip: " 10.0.0.1 ", bond: "6222 0200-1234（5678）",
                     contactName: " 王伟 ", phone: "(0791) 8888-1234"))
        let data = b.build()
        let r = data.bids[0]
        #expect(data.text(r.fileHashKey) == "abcdef")
        #expect(data.text(r.deviceKey) == "3C-97-0E-01")
        #expect(data.text(r.ipKey) == "10.0.0.1")
        #expect(data.text(r.bondAccountKey) == "6222020012345678")
        #expect(data.text(r.contactNameKey) == "王伟")
        #expect(data.text(r.contactPhoneKey) == "079188881234")
        #expect(data.text(r.device) == "3c-97-0e-01")
        #expect(data.text(r.contactPhone) == "(0791) 8888-1234")
        #expect(Normalize.contactNumber("139 1234-5678") == "13912345678")
        #expect(Normalize.contactNumber("[0791]88881234") == "079188881234")
    }

    @Test func datetimesAreReadOnTheChinaLocalDate() {
        // 2025-03-20T17:00Z is 01:00 on 21 March in China.
        #expect(Instant.day(Instant.seconds(instant("2025-03-20T17:00:00Z"))) == Int32(day("2025-03-21").dayNumber))
        #expect(Instant.day(Instant.seconds(instant("2025-03-21 00:00"))) == Int32(day("2025-03-21").dayNumber))
        #expect(Instant.day(Instant.seconds(instant("2025-03-20 23:59:59"))) == Int32(day("2025-03-20").dayNumber))
        #expect(BidBook.dateTime(Instant.seconds(instant("2025-03-20T17:00:05Z"))) == .string("2025-03-21T01:00:05+08:00"))
    }

    @Test func everyBidRuleIsNotComputableWithoutTendersOrBids() {
        let bidRules = RuleCatalog.all.filter { $0.code.hasPrefix("bid.") }
        #expect(bidRules.count == 13)
        let onlyTenders = { (b: inout SupervisionDataBuilder) in b.append(tender("T1")) }
        for rule in bidRules {
            let empty = run(rule) { _ in }
            #expect(empty.isNotComputable, "\(rule.code)")
            let tendersOnly = run(rule, onlyTenders)
            // Only bid.short_period reads tenders alone.
            #expect(tendersOnly.isNotComputable == (rule.code != "bid.short_period"), "\(rule.code)")
        }
        guard case .notComputable(let zh, let en) = run(BidFewBiddersRule(), onlyTenders).status else { return }
        #expect(zh == "无法计算：未导入投标明细数据")
        #expect(en == "not computable: no bids imported")
    }

    @Test func parameterDefaultsAndRanges() throws {
        let d = RuleParameters.defaults
        #expect(d.value(rule: "bid.few_bidders", name: "minimum") == "3")
        #expect(d.value(rule: "bid.short_period", name: "days") == "20")
        #expect(d.value(rule: "bid.regular_prices", name: "gap_tolerance") == "0.01")
        #expect(d.value(rule: "bid.regular_prices", name: "min_gap_tolerance") == "1")
        #expect(d.value(rule: "bid.regular_prices", name: "step_tolerance") == "0.01")
        #expect(d.value(rule: "bid.near_ceiling", name: "ratio") == "0.98")
        #expect(d.value(rule: "bid.perennial_loser", name: "min_bids") == "10")
        #expect(d.value(rule: "bid.loyal_winner", name: "min_bids") == "5")
        #expect(d.value(rule: "bid.loyal_winner", name: "rate") == "0.8")
        for bad in ["[bid.near_ceiling]\nratio = 0", "[bid.near_ceiling]\nratio = 1.01", "[bid.loyal_winner]\nrate = 0",
                    "[bid.few_bidders]\nminimum = 0", "[bid.short_period]\ndays = 0", "[bid.regular_prices]\ngap_tolerance = 1",
                    "[bid.regular_prices]\nmin_gap_tolerance = 0.001", "[bid.perennial_loser]\nmin_bids = 0"] {
            #expect(throws: ParameterError.self, "\(bad)") { try RuleParameters(iniText: bad) }
        }
        #expect(try RuleParameters(iniText: "[bid.near_ceiling]\nratio = 1").value(rule: "bid.near_ceiling", name: "ratio") == "1")
    }
}

// MARK: bid.few_bidders, bid.short_period

struct BidFewBiddersTests {
    @Test func withdrawnBidsAreNotCountedDisqualifiedOnesAre() {
        let result = run(BidFewBiddersRule()) { b in
            b.append(tender("T1", winner: usccA))
            b.append(bid("T1", usccA, yuan(900_000)))
            b.append(bid("T1", usccB, yuan(910_000)))
            b.append(bid("T1", usccC, yuan(920_000), status: "withdrawn"))
            b.append(tender("T2", winner: usccA))
            b.append(bid("T2", usccA, yuan(900_000)))
            b.append(bid("T2", usccB, yuan(910_000)))
            b.append(bid("T2", usccC, yuan(920_000), status: "disqualified"))
        }
        #expect(result.subjects == ["T1"])
        #expect(result.clear == 1)
        let e = result.finding("T1")!.evidence
        #expect(e["bid_count"] == 2)
        #expect(e["bids"]?.elements.count == 3)
        #expect(e["bids"]?.elements.last?["counted"] == false)
        #expect(result.finding("T1")!.severity == .high)
    }

    @Test func awardedMeansAWinnerAnAwardDateOrAnAwardAmount() {
        let result = run(BidFewBiddersRule()) { b in
            b.append(tender("W", awardDate: nil, winner: usccA))
            b.append(tender("D", awardDate: "2025-04-01"))
            b.append(tender("M", awardDate: nil, awardAmount: yuan(5)))
            b.append(tender("N", awardDate: nil))
            b.append(bid("X", usccA, 1))   // some bid, elsewhere, so that bids are imported
        }
        // A tender with no bid rows has 0 bids.
        #expect(result.subjects == ["D", "M", "W"])
        #expect(result.finding("D")?.evidence["bid_count"] == 0)
        #expect(result.clear == 1)              // N: not awarded
        #expect(result.notComputable == 1)      // X: no tenders row
    }

    @Test func onlyOpenAndInvitedTendersAndTheMinimumIsAParameter() {
        let fill = { (b: inout SupervisionDataBuilder) in
            b.append(tender("O", method: "open"))
            b.append(tender("I", method: "invited"))
            b.append(tender("N", method: "competitive_negotiation"))
            b.append(tender("S", method: "single_source"))
            b.append(tender("E", method: nil))
            for t in ["O", "I", "N", "S", "E"] {
                b.append(bid(t, usccA, 1))
                b.append(bid(t, usccB, 2))
            }
        }
        let result = run(BidFewBiddersRule(), fill)
        #expect(result.subjects == ["I", "O"])
        #expect(result.clear == 2)
        #expect(result.notComputableReasons.first?.reasonEn == "not computable: the tender has no method")
        let two = run(BidFewBiddersRule(), parameters: params("[bid.few_bidders]\nminimum = 2"), fill)
        #expect(two.subjects.isEmpty)
    }
}

struct BidShortPeriodTests {
    @Test func nineteenDaysFireTwentyDoNot() {
        let result = run(BidShortPeriodRule()) { b in
            b.append(tender("T19", published: "2025-03-01", deadline: "2025-03-20 09:30"))
            b.append(tender("T20", published: "2025-03-01", deadline: "2025-03-21 09:30"))
            b.append(tender("I7", method: "inquiry", published: "2025-03-01", deadline: "2025-03-08 09:30"))
            b.append(tender("V15", method: "invited", published: "2025-03-01", deadline: "2025-03-16 17:00"))
        }
        #expect(result.subjects == ["T19", "V15"])
        #expect(result.clear == 2)
        let e = result.finding("T19")!.evidence
        #expect(e["days"] == 19)
        #expect(e["deadline"] == .string("2025-03-20T09:30:00+08:00"))
        #expect(e["deadline_date"] == .string("2025-03-20"))
    }

    @Test func calendarDatesInChinaTimeTimesIgnored() {
        let result = run(BidShortPeriodRule()) { b in
            // 23:59 on day 19 is still day 19; 00:00 on day 20 is day 20.
            b.append(tender("Late", published: "2025-03-01", deadline: "2025-03-20 23:59:59"))
            b.append(tender("Midnight", published: "2025-03-01", deadline: "2025-03-21 00:00"))
            // 17:00 UTC on 20 March is 01:00 on 21 March in China: 20 days.
            b.append(tender("UTC", published: "2025-03-01", deadline: "2025-03-20T17:00:00Z"))
        }
        #expect(result.subjects == ["Late"])
        #expect(result.clear == 2)
    }

    @Test func missingDatesCannotBeJudgedAndDaysIsAParameter() {
        let fill = { (b: inout SupervisionDataBuilder) in
            b.append(tender("NoDeadline", deadline: nil))
            b.append(tender("NoPublished", published: nil))
            b.append(tender("T24", published: "2025-03-01", deadline: "2025-03-25 09:30"))
        }
        let result = run(BidShortPeriodRule(), fill)
        #expect(result.flagged == 0 && result.clear == 1 && result.notComputable == 2)
        #expect(run(BidShortPeriodRule(), parameters: params("[bid.short_period]\ndays = 25"), fill).subjects == ["T24"])
    }
}

// MARK: shared values

struct BidSharedValueTests {
    @Test func sameDeviceIPOrHashNormalisedAndEveryBidRowCounts() {
        let result = run(BidSameDeviceRule()) { b in
            b.append(tender("DEV"))
            b.append(bid("DEV", usccA, 1, device: "3c-97-0e-01-00-10", ip: "10.0.0.1"))
            b.append(bid("DEV", usccB, 2, device: " 3C-97-0E-01-00-10", ip: "10.0.0.2"))
            b.append(tender("HASH"))
            b.append(bid("HASH", usccA, 1, hash: "ABCDEF0123"))
            b.append(bid("HASH", usccB, 2, status: "withdrawn", hash: "abcdef0123"))
            b.append(tender("IP"))
            b.append(bid("IP", usccA, 1, ip: "61.25.86.207"))
            b.append(bid("IP", usccC, 2, status: "disqualified", ip: "61.25.86.207"))
            b.append(tender("NEAR"))
            b.append(bid("NEAR", usccA, 1, device: "3C-97-0E-01-00-10", ip: "61.25.86.207"))
            b.append(bid("NEAR", usccB, 2, device: "3C-97-0E-01-00-11", ip: "61.25.86.208"))
        }
        #expect(result.subjects == ["DEV", "HASH", "IP"])
        #expect(result.clear == 1)
        let shared = result.finding("DEV")!.evidence["shared"]!.elements[0]
        #expect(shared["field"] == .string("device_id"))
        #expect(shared["value"] == .string("3C-97-0E-01-00-10"))
        #expect(shared["bidder_uscc"]?.strings == [usccA, usccB])
        let bids = result.finding("DEV")!.evidence["bids"]!.elements
        #expect(bids.map { $0["device_id"]?.stringValue } == ["3c-97-0e-01-00-10", "3C-97-0E-01-00-10"])
        #expect(result.finding("HASH")!.evidence["shared"]?.elements.first?["value"] == .string("abcdef0123"))
    }

    @Test func aTenderWithoutTheColumnsCannotBeJudgedOneBidderIsClear() {
        let result = run(BidSameDeviceRule()) { b in
            b.append(tender("EMPTY"))
            b.append(bid("EMPTY", usccA, 1))
            b.append(bid("EMPTY", usccB, 2, device: "X"))
            b.append(tender("ONE"))
            b.append(bid("ONE", usccA, 1, device: "X"))
            b.append(tender("NONE"))
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 2)
        #expect(result.notComputable == 1)
    }

    @Test func bondAccountWithoutSpacesHyphensOrBrackets() {
        let result = run(BidSameBondAccountRule()) { b in
            b.append(tender("T1"))
            b.append(bid("T1", usccA, 1, bond: "6222 0200 1234 5678"))
            b.append(bid("T1", usccB, 2, bond: "6222-0200-1234-5678"))
            b.append(bid("T1", usccC, 3, bond: "（6222）020012345678"))
            b.append(tender("T2"))
            b.append(bid("T2", usccA, 1, bond: "6222020012345678"))
            b.append(bid("T2", usccB, 2, bond: "6222020012345679"))
        }
        #expect(result.subjects == ["T1"])
        #expect(result.finding("T1")?.evidence["shared"]?.elements.first?["bidder_count"] == 3)
        #expect(result.clear == 1)
    }

    @Test func sameContactPhoneIsHighANameAloneMedium() {
        let result = run(BidSameContactRule()) { b in
            b.append(tender("PHONE"))
            b.append(bid("PHONE", usccA, 1, contactName: "李娜", phone: "139-1234-5678"))
            b.append(bid("PHONE", usccB, 2, contactName: "王芳", phone: "139 1234 5678"))
            b.append(tender("NAME"))
            b.append(bid("NAME", usccA, 1, contactName: "王伟 ", phone: "13912345678"))
            b.append(bid("NAME", usccB, 2, contactName: "王伟", phone: "13912345679"))
            b.append(tender("NEAR"))
            b.append(bid("NEAR", usccA, 1, contactName: "王伟", phone: "13912345678"))
            b.append(bid("NEAR", usccB, 2, contactName: "王玮", phone: "13912345679"))
        }
        #expect(result.subjects == ["NAME", "PHONE"])
        #expect(result.finding("PHONE")?.severity == .high)
        #expect(result.finding("NAME")?.severity == .medium)
        #expect(result.finding("NAME")?.evidence["shared"]?.elements.first?["field"] == .string("contact_name"))
        #expect(result.clear == 1)
    }
}

// MARK: bid.common_owner

struct BidCommonOwnerTests {
    let owner = rid("19700101", 1), repA = rid("19750101", 2), repB = rid("19760101", 3), other = rid("19800101", 4)

    private func companies(_ b: inout SupervisionDataBuilder) {
        b.append(CompanyRow(uscc: usccA, name: "甲公司", legalRepIDNumber: repA))
        b.append(CompanyRow(uscc: usccB, name: "乙公司", legalRepIDNumber: repB))
        b.append(tender("T1"))
        b.append(bid("T1", usccA, 1))
        b.append(bid("T1", usccB, 2, status: "withdrawn"))
    }

    @Test func sharedShareholderFlagsEvenWithAWithdrawnBid() {
        let result = run(BidCommonOwnerRule()) { b in
            companies(&b)
            b.append(CompanyRoleRow(uscc: usccA, holderIDNumber: owner, role: "shareholder"))
            b.append(CompanyRoleRow(uscc: usccB, holderIDNumber: owner, role: "shareholder"))
        }
        #expect(result.subjects == ["T1"])
        let e = result.finding("T1")!.evidence
        #expect(e["people"]?.elements.first?["id_number"] == .string(owner))
        #expect(e["links"]?.elements.map { $0["bidder_uscc"]?.stringValue } == [usccA, usccB])
        #expect(e["links"]?.elements.first?["roles"]?.strings == ["shareholder"])
    }

    @Test func differentRolesCountLegalRepOfOneExecutiveOfTheOther() {
        let result = run(BidCommonOwnerRule()) { b in
            companies(&b)
            b.append(CompanyRoleRow(uscc: usccB, holderIDNumber: repA, role: "executive"))
        }
        #expect(result.subjects == ["T1"])
        let links = result.finding("T1")!.evidence["links"]!.elements
        #expect(links.map { $0["roles"]?.strings ?? [] } == [["legal_rep"], ["executive"]])
    }

    @Test func supervisorsAndCorporateHoldersDoNotCount() {
        let result = run(BidCommonOwnerRule()) { b in
            companies(&b)
            b.append(CompanyRoleRow(uscc: usccA, holderIDNumber: owner, role: "supervisor"))
            b.append(CompanyRoleRow(uscc: usccB, holderIDNumber: owner, role: "supervisor"))
            b.append(CompanyRoleRow(uscc: usccA, holderUSCC: usccD, role: "shareholder"))
            b.append(CompanyRoleRow(uscc: usccB, holderUSCC: usccD, role: "shareholder"))
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 1)
    }

    @Test func aPersonWhoIsBothSupervisorAndShareholderCountsAsShareholder() {
        let result = run(BidCommonOwnerRule()) { b in
            companies(&b)
            b.append(CompanyRoleRow(uscc: usccA, holderIDNumber: owner, role: "supervisor"))
            b.append(CompanyRoleRow(uscc: usccA, holderIDNumber: owner, role: "shareholder"))
            b.append(CompanyRoleRow(uscc: usccB, holderIDNumber: owner, role: "executive"))
        }
        #expect(result.subjects == ["T1"])
    }

    @Test func bidderAbsentFromCompaniesStillHasItsRoles() {
        let result = run(BidCommonOwnerRule()) { b in
            companies(&b)
            b.append(bid("T1", usccC, 3))
            b.append(CompanyRoleRow(uscc: usccC, holderIDNumber: repA, role: "shareholder"))
        }
        #expect(result.subjects == ["T1"])
        #expect(result.finding("T1")?.evidence["people"]?.elements.first?["bidder_uscc"]?.strings == [usccA, usccC])
    }

    @Test func withoutCompanyDataNotComputable() {
        let noRoles = run(BidCommonOwnerRule()) { b in companies(&b) }
        #expect(noRoles.isNotComputable)
        let unknownBidders = run(BidCommonOwnerRule()) { b in
            b.append(CompanyRow(uscc: usccD, name: "丁公司", legalRepIDNumber: other))
            b.append(CompanyRoleRow(uscc: usccD, holderIDNumber: other, role: "shareholder"))
            b.append(tender("T1"))
            b.append(bid("T1", usccA, 1))
            b.append(bid("T1", usccB, 2))
        }
        #expect(unknownBidders.notComputable == 1)
        #expect(unknownBidders.flagged == 0)
    }
}

// MARK: prices

struct BidPriceTests {
    @Test func identicalPricesCountDisqualifiedNotWithdrawn() {
        let result = run(BidIdenticalPricesRule()) { b in
            b.append(tender("DQ"))
            b.append(bid("DQ", usccA, yuan(800_000)))
            b.append(bid("DQ", usccB, yuan(950_000)))
            b.append(bid("DQ", usccC, yuan(950_000), status: "disqualified"))
            b.append(tender("WD"))
            b.append(bid("WD", usccA, yuan(800_000)))
            b.append(bid("WD", usccB, yuan(950_000)))
            b.append(bid("WD", usccC, yuan(950_000), status: "withdrawn"))
            b.append(tender("CENT"))
            b.append(bid("CENT", usccA, 95_000_000))
            b.append(bid("CENT", usccB, 95_000_001))
        }
        #expect(result.subjects == ["DQ"])
        #expect(result.clear == 2)
        let identical = result.finding("DQ")!.evidence["identical"]!.elements[0]
        #expect(identical["amount"] == .string("950000.00"))
        #expect(identical["bidder_uscc"]?.strings == [usccB, usccC])
    }

    private func regular(_ amounts: [Int64], statuses: [String?]? = nil, parameters: RuleParameters = .defaults) -> RuleResult {
        run(BidRegularPricesRule(), parameters: parameters) { b in
            b.append(tender("T"))
            for (i, a) in amounts.enumerated() {
                b.append(bid("T", [usccA, usccB, usccC, usccD][i], a, status: statuses?[i] ?? "valid"))
            }
        }
    }

    @Test func arithmeticGapToleranceOnePercentAtAndJustBeyond() {
        // Mean gap 1000 yuan, 1 % = 10 yuan: gaps 990 / 1010 are at the limit, 989.99 / 1010.01 beyond.
        let at = regular([yuan(1_000), yuan(1_990), yuan(3_000)])
        #expect(at.flagged == 1)
        #expect(at.findings.first?.evidence["progression"] == .string("arithmetic"))
        #expect(at.findings.first?.evidence["mean_gap"] == .string("1000.00"))
        #expect(regular([yuan(1_000), 198_999, yuan(3_000)]).flagged == 0)
    }

    @Test func arithmeticGapToleranceOneYuanAtAndJustBeyond() {
        // Mean gap 50 yuan: 1 % is 0.50, so the 1-yuan floor applies: 49 / 51 at it, 48.99 / 51.01 beyond.
        #expect(regular([yuan(100), yuan(149), yuan(200)]).flagged == 1)
        #expect(regular([yuan(100), 14_899, yuan(200)]).flagged == 0)
        // The floor is a parameter.
        #expect(regular([yuan(100), 14_899, yuan(200)], parameters: params("[bid.regular_prices]\nmin_gap_tolerance = 1.01")).flagged == 1)
    }

    @Test func geometricProgression() {
        let result = regular([yuan(100_000), yuan(103_000), yuan(106_090)])
        #expect(result.flagged == 1)
        #expect(result.findings.first?.evidence["progression"] == .string("geometric"))
        #expect(result.findings.first?.evidence["mean_step"] == .string("0.030000"))
        // Steps 3 % and 3.1 %: 1.6 % from their mean, beyond 1 %.
        #expect(regular([yuan(100_000), yuan(103_000), 10_619_300]).flagged == 0)
    }

    @Test func priceTestsUseValidAndEmptyStatusBidsOnly() {
        #expect(regular([yuan(1_000), yuan(2_000), yuan(3_000)], statuses: ["valid", nil, nil]).flagged == 1)
        #expect(regular([yuan(1_000), yuan(2_000), yuan(3_000)], statuses: ["valid", "valid", "disqualified"]).flagged == 0)
        // The disqualified bid breaks nothing: the valid ones are regular.
        #expect(regular([yuan(1_000), yuan(2_000), yuan(2_500), yuan(3_000)], statuses: ["valid", "valid", "disqualified", "valid"]).flagged == 1)
        #expect(regular([yuan(1_000), yuan(2_000)]).clear == 1)
    }

    private func ceiling(_ amounts: [Int64], statuses: [String?]? = nil, ceiling: Int64? = yuan(1_000_000),
                         parameters: RuleParameters = .defaults) -> RuleResult {
        run(BidNearCeilingRule(), parameters: parameters) { b in
            b.append(tender("T", ceiling: ceiling))
            for (i, a) in amounts.enumerated() {
                b.append(bid("T", [usccA, usccB, usccC, usccD][i], a, status: statuses?[i] ?? "valid"))
            }
        }
    }

    @Test func nearCeilingAtExactly98PercentAndOneFenBelow() {
        let at = ceiling([yuan(980_000), yuan(993_000)])
        #expect(at.flagged == 1)
        #expect(at.findings.first?.evidence["threshold"] == .string("980000.00"))
        #expect(at.findings.first?.evidence["bids"]?.elements.first?["ratio_to_ceiling"] == .string("0.9800"))
        #expect(ceiling([yuan(980_000) - 1, yuan(993_000)]).flagged == 0)
        // Disqualified bids far below do not matter; empty status counts as valid.
        #expect(ceiling([yuan(985_000), yuan(990_000), yuan(500_000)], statuses: [nil, "valid", "disqualified"]).flagged == 1)
        #expect(ceiling([yuan(985_000), yuan(990_000), yuan(500_000)], statuses: [nil, "valid", nil]).flagged == 0)
    }

    @Test func nearCeilingNeedsTwoValidBidsAndACeiling() {
        #expect(ceiling([yuan(991_000), yuan(500_000)], statuses: ["valid", "disqualified"]).clear == 1)
        let noCeiling = ceiling([yuan(991_000), yuan(992_000)], ceiling: nil)
        #expect(noCeiling.notComputable == 1)
        #expect(noCeiling.flagged == 0)
        #expect(ceiling([yuan(951_000), yuan(990_000)], parameters: params("[bid.near_ceiling]\nratio = 0.95")).flagged == 1)
    }
}

// MARK: bidders

struct BidBidderTests {
    /// `n` tenders of `buyer` with `bidder` bidding and `wins` of them won by it, the others by usccB.
    private func history(_ b: inout SupervisionDataBuilder, _ bidder: String, n: Int, wins: Int, buyer: String = "U1",
                         prefix: String = "T", withdrawn: Int = 0) {
        for i in 0..<n {
            let id = "\(prefix)\(i)"
            b.append(tender(id, buyer: buyer, published: day("2024-01-01").adding(days: i * 10).iso, winner: i < wins ? bidder : usccB))
            b.append(bid(id, bidder, yuan(900_000), status: i < withdrawn ? "withdrawn" : "valid"))
            b.append(bid(id, usccB, yuan(910_000)))
        }
    }

    @Test func perennialLoserTenCountedBidsWithoutAWin() {
        let result = run(BidPerennialLoserRule()) { b in history(&b, usccA, n: 10, wins: 0) }
        #expect(result.subjects == [usccA])
        let e = result.finding(usccA)!.evidence
        #expect(e["bid_count"] == 10)
        #expect(e["bids"]?.elements.count == 10)
        #expect(e["bids"]?.elements.first?["tender_id"] == .string("T0"))
        #expect(result.clear == 1)   // usccB won them all
        #expect(run(BidPerennialLoserRule()) { b in history(&b, usccA, n: 9, wins: 0) }.flagged == 0)
        #expect(run(BidPerennialLoserRule()) { b in history(&b, usccA, n: 10, wins: 0, withdrawn: 1) }.flagged == 0)
        #expect(run(BidPerennialLoserRule()) { b in history(&b, usccA, n: 12, wins: 1) }.flagged == 0)
        #expect(run(BidPerennialLoserRule(), parameters: params("[bid.perennial_loser]\nmin_bids = 9")) { b in
            history(&b, usccA, n: 9, wins: 0)
        }.flagged == 1)
    }

    @Test func perennialLoserWithUnknownTendersCannotBeJudged() {
        let result = run(BidPerennialLoserRule()) { b in
            history(&b, usccA, n: 8, wins: 0)
            b.append(bid("X1", usccA, 1))
            b.append(bid("X2", usccA, 1))
        }
        #expect(result.flagged == 0)
        #expect(result.notComputable == 1)
    }

    @Test func loyalWinnerAtExactlyTheRate() {
        let result = run(BidLoyalWinnerRule()) { b in history(&b, usccA, n: 5, wins: 4) }
        #expect(result.subjects == [usccA])
        let e = result.finding(usccA)!.evidence
        #expect(e["win_rate"] == .string("0.8000"))
        #expect(e["buyer_unit_code"] == .string("U1"))
        #expect(run(BidLoyalWinnerRule()) { b in history(&b, usccA, n: 5, wins: 3) }.flagged == 0)
        #expect(run(BidLoyalWinnerRule()) { b in history(&b, usccA, n: 4, wins: 4) }.flagged == 0)
        // Withdrawn bids are not counted: 6 rows, 1 withdrawn, 4 wins of 5 counted.
        #expect(run(BidLoyalWinnerRule()) { b in history(&b, usccA, n: 6, wins: 5, withdrawn: 1) }.flagged == 1)
    }

    @Test func loyalWinnerBidsAllAtOneBuyer() {
        let result = run(BidLoyalWinnerRule()) { b in
            history(&b, usccA, n: 5, wins: 5)
            history(&b, usccA, n: 1, wins: 1, buyer: "U2", prefix: "E")
        }
        #expect(result.flagged == 0)
    }
}

// MARK: bid.rotation

struct BidRotationTests {
    private func ring(_ b: inout SupervisionDataBuilder, _ id: String, buyer: String = "U1", winner: String?,
                      bidders: [String] = [usccB, usccC, usccA], extra: [BidRow] = []) {
        b.append(tender(id, buyer: buyer, awardDate: winner == nil ? nil : "2025-04-01", winner: winner))
        for (i, u) in bidders.enumerated() { b.append(bid(id, u, yuan(900_000) + Int64(i) * 1_234)) }
        for e in extra { b.append(e) }
    }

    @Test func theExactSetInThreeTendersWithTwoWinners() {
        let result = run(BidRotationRule()) { b in
            ring(&b, "T1", winner: usccA)
            ring(&b, "T2", winner: usccB, bidders: [usccC, usccA, usccB])
            ring(&b, "T3", winner: usccA)
        }
        // The subject lists the USCCs in ASCII order.
        #expect(result.subjects == ["U1|\(usccA)+\(usccB)+\(usccC)"])
        let e = result.findings[0].evidence
        #expect(e["tender_count"] == 3)
        #expect(e["winner_count"] == 2)
        #expect(e["tenders"]?.elements.map { $0["tender_id"]?.stringValue } == ["T1", "T2", "T3"])
        #expect(e["bidders"]?.elements.map { $0["win_count"]?.integerValue } == [2, 1, 0])
    }

    @Test func subjectIsASCIISortedWhateverTheInputCase() {
        let result = run(BidRotationRule()) { b in
            for (i, w) in ["91b", "91a", "91B"].enumerated() {
                b.append(tender("T\(i)", winner: w))
                for u in ["91c", "91B", "91a"] { b.append(bid("T\(i)", u, yuan(1) + Int64(u.count))) }
            }
        }
        #expect(result.subjects == ["U1|91A+91B+91C"])
    }

    @Test func aSupersetIsAnotherSetButAWithdrawnBidderIsNotInIt() {
        let superset = run(BidRotationRule()) { b in
            ring(&b, "T1", winner: usccA)
            ring(&b, "T2", winner: usccB)
            ring(&b, "T3", winner: usccA, extra: [bid("T3", usccD, yuan(950_000))])
        }
        #expect(superset.flagged == 0)
        #expect(superset.clear == 2)   // {A,B,C} in 2 tenders; {A,B,C,D} in 1
        let withdrawn = run(BidRotationRule()) { b in
            ring(&b, "T1", winner: usccA)
            ring(&b, "T2", winner: usccB)
            ring(&b, "T3", winner: usccA, extra: [bid("T3", usccD, yuan(950_000), status: "withdrawn")])
        }
        #expect(withdrawn.flagged == 1)
    }

    @Test func oneWinnerIsClearAWinnerOutsideTheSetCounts() {
        let one = run(BidRotationRule()) { b in
            ring(&b, "T1", winner: usccA)
            ring(&b, "T2", winner: usccA)
            ring(&b, "T3", winner: nil)
        }
        #expect(one.flagged == 0)
        let outside = run(BidRotationRule()) { b in
            ring(&b, "T1", winner: usccA)
            ring(&b, "T2", winner: usccD)
            ring(&b, "T3", winner: nil)
        }
        #expect(outside.flagged == 1)
        #expect(outside.findings.first?.evidence["winners_outside_set"]?.strings == [usccD])
    }

    @Test func tendersOfOtherBuyersAreOtherSubjects() {
        let result = run(BidRotationRule()) { b in
            ring(&b, "T1", winner: usccA)
            ring(&b, "T2", winner: usccB)
            ring(&b, "T3", buyer: "U2", winner: usccA)
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 2)
    }
}

// MARK: bid.conflict

struct BidConflictTests {
    let official = rid("19700101", 1), child = rid("19950101", 2), outsider = rid("19800101", 3)

    private func basics(_ b: inout SupervisionDataBuilder, unit: String = "U1", category: String = "civil_servant",
                        until: LocalDate? = nil) {
        b.append(PersonRow(idNumber: official, name: "赵局长", unitCode: unit, category: category, since: day("2010-01-01"), until: until))
        // Written from the child's side: close relatives are mutual.
        b.append(RelativeRow(idNumber: child, relativeIDNumber: official, relation: "parent"))
        b.append(CompanyRow(uscc: usccA, name: "甲公司", legalRepIDNumber: outsider))
        b.append(CompanyRoleRow(uscc: usccA, holderIDNumber: child, role: "shareholder"))
        b.append(tender("T1", published: "2025-03-01"))
        b.append(bid("T1", usccB, 1))
    }

    @Test func bidderOwnedByTheChildOfAnOfficialOfTheBuyer() {
        let result = run(BidConflictRule()) { b in
            basics(&b)
            b.append(bid("T1", usccA, 2, submitted: "2025-03-20 10:00"))
        }
        #expect(result.subjects == ["T1"])
        let link = result.finding("T1")!.evidence["links"]!.elements[0]
        #expect(link["holder_relation_to_official"] == .string("child"))
        #expect(link["official_id_number"] == .string(official))
        #expect(link["holder_id_number"] == .string(child))
        #expect(link["roles"]?.strings == ["shareholder"])
        #expect(link["active_on"] == .string("2025-03-20"))
        #expect(link["active_on_source"] == .string("submitted_at"))
        #expect(result.finding("T1")!.severity == .high)
    }

    @Test func officialActiveOnSubmittedAtElsePublishedDate() {
        // In post until 2025-03-10: a bid submitted on the 11th is clear…
        let submittedLater = run(BidConflictRule()) { b in
            basics(&b, until: day("2025-03-10"))
            b.append(bid("T1", usccA, 2, submitted: "2025-03-11 09:00"))
        }
        #expect(submittedLater.flagged == 0)
        #expect(submittedLater.clear == 1)
        // …but without a submission time the tender's published date (the 1st) decides.
        let noTime = run(BidConflictRule()) { b in
            basics(&b, until: day("2025-03-10"))
            b.append(bid("T1", usccA, 2))
        }
        #expect(noTime.subjects == ["T1"])
        #expect(noTime.findings.first?.evidence["links"]?.elements.first?["active_on_source"] == .string("published_date"))
        // Neither: cannot be judged.
        let neither = run(BidConflictRule()) { b in
            basics(&b)
            b.append(tender("T2", published: nil))
            b.append(bid("T2", usccC, 2))
        }
        #expect(neither.notComputable == 1)
    }

    @Test func buyerUnitExactlyAndOfficialsOnly() {
        let otherUnit = run(BidConflictRule()) { b in
            basics(&b, unit: "U2")
            b.append(bid("T1", usccA, 2))
        }
        #expect(otherUnit.flagged == 0)
        let notOfficial = run(BidConflictRule()) { b in
            basics(&b, category: "other")
            b.append(bid("T1", usccA, 2))
        }
        #expect(notOfficial.flagged == 0)
    }

    @Test func theOfficialInPersonAndAnyRoleIncludingSupervisor() {
        let result = run(BidConflictRule()) { b in
            basics(&b)
            b.append(CompanyRoleRow(uscc: usccC, holderIDNumber: official, role: "supervisor"))
            b.append(bid("T1", usccC, 2))
        }
        #expect(result.subjects == ["T1"])
        let link = result.finding("T1")!.evidence["links"]!.elements[0]
        #expect(link["holder_relation_to_official"] == .string("self"))
        #expect(link["roles"]?.strings == ["supervisor"])
    }

    @Test func needsPeopleAndCompanyData() {
        let noPeople = run(BidConflictRule()) { b in
            b.append(CompanyRow(uscc: usccA, name: "甲公司"))
            b.append(CompanyRoleRow(uscc: usccA, holderIDNumber: child, role: "shareholder"))
            b.append(tender("T1"))
            b.append(bid("T1", usccA, 1))
        }
        #expect(noPeople.isNotComputable)
        let noRoles = run(BidConflictRule()) { b in
            b.append(PersonRow(idNumber: official, name: "赵局长", unitCode: "U1", category: "civil_servant"))
            b.append(CompanyRow(uscc: usccA, name: "甲公司", legalRepIDNumber: official))
            b.append(tender("T1"))
            b.append(bid("T1", usccA, 1))
        }
        #expect(noRoles.isNotComputable)
    }
}
