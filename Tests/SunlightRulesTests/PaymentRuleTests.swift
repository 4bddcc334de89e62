import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

struct DuplicatePaymentTests {
    @Test func thirtyDaysFiresThirtyOneDoesNot() {
        let result = run(DuplicatePaymentRule()) { b in
            b.append(payment("V1", "2025-01-01", amount: yuan(5000)))
            b.append(payment("V2", "2025-01-31", amount: yuan(5000)))   // 30 days after V1
            b.append(payment("V3", "2025-03-01", amount: yuan(7000)))
            b.append(payment("V4", "2025-04-01", amount: yuan(7000)))   // 31 days after V3
        }
        #expect(result.subjects == ["U1|V2"])
        #expect(result.clear == 3)
        #expect(result.findings.first?.evidence["earlier"]?.elements.first?["days_apart"] == .integer(30))
    }

    @Test func laterVoucherOnTheSameDayIsByNaturalOrder() {
        let result = run(DuplicatePaymentRule()) { b in
            b.append(payment("记-10", "2025-01-05", amount: yuan(100)))
            b.append(payment("记-9", "2025-01-05", amount: yuan(100)))
        }
        #expect(result.subjects == ["U1|记-10"])
    }

    @Test func payeeKeyUsesCodeThenAccountThenName() {
        let result = run(DuplicatePaymentRule()) { b in
            // Same code in different cases and names: same payee.
            b.append(payment("A1", "2025-01-01", payee: "甲", code: "91360100ma00000001", amount: yuan(10)))
            b.append(payment("A2", "2025-01-02", payee: "甲公司", code: "91360100MA00000001", amount: yuan(10)))
            // Accounts compared without spaces or hyphens.
            b.append(payment("B1", "2025-02-01", payee: "乙", account: "6222 1111-2222", amount: yuan(20)))
            b.append(payment("B2", "2025-02-02", payee: "乙二", account: "622211112222", amount: yuan(20)))
            // Names trimmed.
            b.append(payment("C1", "2025-03-01", payee: " 丙 ", amount: yuan(30)))
            b.append(payment("C2", "2025-03-02", payee: "丙", amount: yuan(30)))
            // Different unit: not a duplicate.
            b.append(payment("D1", "2025-03-02", unit: "U2", payee: "丙", amount: yuan(30)))
        }
        #expect(result.subjects == ["U1|A2", "U1|B2", "U1|C2"])
        #expect(result.finding("U1|B2")?.evidence["payee"] == .string("622211112222"))
    }
}

struct SplitPaymentTests {
    @Test func sumExactlyAtThresholdFires() {
        let result = run(SplitPaymentRule()) { b in
            b.append(payment("V1", "2025-01-01", amount: yuan(500_000)))
            b.append(payment("V2", "2025-01-31", amount: yuan(500_000)))
        }
        #expect(result.subjects == ["U1|某某公司|2025-01-01"])
        #expect(result.findings.first?.evidence["total"] == .string("1000000.00"))
        #expect(result.findings.first?.evidence["count"] == .integer(2))
    }

    @Test func gapOfThirtyOneDaysBreaksTheChain() {
        let result = run(SplitPaymentRule()) { b in
            b.append(payment("V1", "2025-01-01", amount: yuan(500_000)))
            b.append(payment("V2", "2025-02-01", amount: yuan(500_000)))
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 2)
    }

    @Test func paymentAtThresholdNeitherJoinsNorBreaks() {
        let result = run(SplitPaymentRule()) { b in
            b.append(payment("V1", "2025-01-01", amount: yuan(600_000)))
            b.append(payment("V2", "2025-01-20", amount: yuan(1_000_000)))
            b.append(payment("V3", "2025-01-25", amount: yuan(400_000)))
        }
        #expect(result.flagged == 1)
        let vouchers = result.findings.first?.evidence["payments"]?.elements.compactMap { $0["voucher_no"]?.stringValue }
        #expect(vouchers == ["V1", "V3"])
    }

    @Test func belowThresholdSumIsClear() {
        let result = run(SplitPaymentRule()) { b in
            b.append(payment("V1", "2025-01-01", amount: yuan(500_000)))
            b.append(payment("V2", "2025-01-02", amount: 49_999_999))
        }
        #expect(result.flagged == 0)
    }
}

struct ThresholdEdgeTests {
    @Test func bandIsHalfOpen() {
        let result = run(ThresholdEdgePaymentRule()) { b in
            b.append(payment("V1", "2025-01-01", amount: yuan(950_000)))
            b.append(payment("V2", "2025-01-02", amount: yuan(950_000) - 1))
            b.append(payment("V3", "2025-01-03", amount: yuan(1_000_000)))
            b.append(payment("V4", "2025-01-04", amount: yuan(1_000_000) - 1, category: "project"))
            b.append(payment("V5", "2025-01-05", amount: yuan(960_000), category: "reception"))
            b.append(payment("V6", "2025-01-06", amount: yuan(960_000), category: nil))
        }
        #expect(result.subjects == ["U1|V1", "U1|V4"])
        #expect(result.clear == 2)
    }

    @Test func usesTheSplitThresholdAndDelta() {
        let settings = params("[payment.split]\nthreshold = 200000\n[payment.threshold_edge]\ndelta = 0.1\n")
        let result = run(ThresholdEdgePaymentRule(), parameters: settings) { b in
            b.append(payment("V1", "2025-01-01", amount: yuan(180_000)))
            b.append(payment("V2", "2025-01-02", amount: yuan(179_999)))
        }
        #expect(result.subjects == ["U1|V1"])
    }
}

struct HolidayPaymentTests {
    @Test func makeUpWorkdayHolidayAndUncoveredYear() {
        let result = run(HolidayPaymentRule()) { b in
            b.append(payment("V1", "2025-09-28", amount: yuan(1)))   // Sunday, make-up workday
            b.append(payment("V2", "2025-10-01", amount: yuan(1)))   // National Day
            b.append(payment("V3", "2025-10-11", amount: yuan(1)))   // Saturday, make-up workday
            b.append(payment("V4", "2025-10-12", amount: yuan(1)))   // Sunday
            b.append(payment("V5", "2030-01-07", amount: yuan(1)))   // not in the shipped calendar
        }
        #expect(result.subjects == ["U1|V2", "U1|V4"])
        #expect(result.clear == 2)
        #expect(result.notComputable == 1)
        #expect(result.finding("U1|V2")?.severity == .low)
        #expect(result.finding("U1|V2")?.evidence["day_kind"] == .string("public_holiday"))
        #expect(result.finding("U1|V4")?.evidence["day_kind"] == .string("weekend"))
    }
}

struct CompanyPayeeTests {
    let uscc = "91360100MA00000009"

    @Test func newCompanyWindowIsInclusiveAndCoversEarlyPayments() {
        let result = run(NewCompanyPaymentRule()) { b in
            b.append(CompanyRow(uscc: uscc, name: "新公司", established: day("2025-01-01")))
            b.append(payment("V1", "2025-06-30", code: uscc, amount: yuan(100_000)))   // 180 days
            b.append(payment("V2", "2025-07-01", code: uscc, amount: yuan(100_000)))   // 181 days
            b.append(payment("V3", "2024-12-01", code: uscc, amount: yuan(200_000)))   // before it existed
            b.append(payment("V4", "2025-02-01", code: uscc, amount: yuan(100_000) - 1))
        }
        #expect(result.subjects == ["U1|V1", "U1|V3"])
        #expect(result.finding("U1|V3")?.evidence["days_since_established"] == .integer(-31))
        #expect(result.clear == 2)
    }

    @Test func companyWithoutEstablishedDateIsNotComputable() {
        let result = run(NewCompanyPaymentRule()) { b in
            b.append(CompanyRow(uscc: uscc, name: "某公司"))
            b.append(payment("V1", "2025-06-30", code: uscc, amount: yuan(100_000)))
        }
        #expect(result.notComputable == 1)
        #expect(result.notComputableReasons.first?.reasonEn == "not computable: the payee company has no established date")
    }

    @Test func deregisteredStrictlyBeforePayment() {
        let result = run(DeregisteredPayeeRule()) { b in
            b.append(CompanyRow(uscc: uscc, name: "注销公司", status: "deregistered", statusDate: day("2025-03-01")))
            b.append(payment("V1", "2025-03-01", code: uscc, amount: yuan(10)))
            b.append(payment("V2", "2025-03-02", code: uscc, amount: yuan(10)))
        }
        #expect(result.subjects == ["U1|V2"])
        #expect(result.clear == 1)
    }
}

struct BenfordTests {
    /// Amounts whose logarithms are evenly spread: a textbook Benford sample.
    private func benfordAmounts(_ n: Int) -> [Int64] {
        (0..<n).map { i in
            let u = (Double(i) + 0.5) / Double(n)
            return Int64(pow(10, 3 + 3 * u).rounded()) * 100 / 100 * 100
        }
    }

    @Test func conformingSampleIsClear() {
        let amounts = benfordAmounts(1200)
        let result = run(BenfordRule()) { b in
            for (i, a) in amounts.enumerated() { b.append(payment("V\(i)", "2025-03-01", amount: a)) }
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 1)
    }

    @Test func nonconformingSampleFiresWithEvidence() {
        let result = run(BenfordRule()) { b in
            for i in 0..<1000 { b.append(payment("V\(i)", "2025-03-01", amount: yuan(5000 + Int64(i)))) }
            b.append(payment("X", "2025-03-01", amount: 999))   // below 10 yuan: not counted
        }
        #expect(result.subjects == ["U1|2025"])
        let evidence = result.findings.first?.evidence
        #expect(evidence?["n"] == .integer(1000))
        // All first digits are 5: MAD = (|1 − log10(6/5)| + Σ other expected) / 9.
        let expected = (0..<9).map { d -> Double in
            let p = log10(1 + 1 / Double(d + 1))
            return d + 1 == 5 ? abs(1 - p) : p
        }.reduce(0, +) / 9
        let reported = Double(evidence?["mad_first_digit"]?.stringValue ?? "") ?? -1
        #expect(abs(reported - expected) < 0.000001)
        #expect(evidence?["expected_mad_first_two_digits"] != nil)
    }

    @Test func smallSamplesAreNotComputable() {
        let result = run(BenfordRule()) { b in
            for i in 0..<999 { b.append(payment("V\(i)", "2025-03-01", amount: yuan(5000))) }
        }
        #expect(result.flagged == 0)
        #expect(result.notComputable == 1)
    }
}

struct SequenceGapTests {
    @Test func runsOfMissingNumbersWithoutLeadingZeros() {
        let numbers = [1, 2, 3, 4, 7, 8, 9, 11, 12, 13]
        let result = run(VoucherSequenceGapRule()) { b in
            for n in numbers { b.append(payment("记-" + String(format: "%04d", n), "2025-02-01", amount: yuan(1))) }
            // Another prefix with only 9 vouchers: cannot be judged.
            for n in [1, 2, 3, 5, 6, 7, 8, 9, 10] { b.append(payment("付\(n)", "2025-02-01", amount: yuan(1))) }
        }
        #expect(result.subjects == ["U1|记-|10", "U1|记-|5"])
        let gap = result.finding("U1|记-|5")?.evidence["gaps"]?.elements.first
        #expect(gap?["from"] == .integer(5))
        #expect(gap?["to"] == .integer(6))
        #expect(result.notComputable == 1)
    }

    @Test func yearsAreSeparateSequences() {
        let result = run(VoucherSequenceGapRule()) { b in
            for n in 1...10 { b.append(payment("V\(n)", "2024-12-01", amount: yuan(1))) }
            for n in 11...20 { b.append(payment("V\(n)", "2025-01-01", amount: yuan(1))) }
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 2)
    }

    @Test func splittingVoucherNumbers() {
        #expect(VoucherSequenceGapRule.split("记-2024-0012")?.prefix == "记-2024-")
        #expect(VoucherSequenceGapRule.split("记-2024-0012")?.number == 12)
        #expect(VoucherSequenceGapRule.split("ABC") == nil)
        #expect(VoucherSequenceGapRule.split("000")?.number == 0)
    }
}
