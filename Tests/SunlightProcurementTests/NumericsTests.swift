import Foundation
import Testing
@testable import SunlightProcurement

@Suite struct NumericsTests {
    @Test func quantilesFollowStatrs() {
        // statrs 0.16: h = (n + 1/3)τ + 1/3, interpolating between the ⌊h⌋-th and next values.
        let data: [Double] = [1, 2, 3, 4]
        #expect(Quartiles.quantile(data, 0.25) == 1 + ((4.0 + 1.0 / 3.0) * 0.25 + 1.0 / 3.0 - 1) * (2 - 1))
        #expect(Quartiles.quantile(data, 0.75) == 3 + ((4.0 + 1.0 / 3.0) * 0.75 + 1.0 / 3.0 - 3) * (4 - 3))
        #expect(Quartiles.quantile([5], 0.25) == 5)
        #expect(Quartiles.quantile([3, 1, 2], 0) == 1)
        #expect(Quartiles.quantile([3, 1, 2], 1) == 3)
        #expect(Quartiles.quantile([3, 1, 2], 0.99) == 3) // h ≥ n
        #expect(Quartiles.quantile([], 0.5).isNaN)
        #expect(Quartiles.quantile([1, 2], 1.5).isNaN)
        // Cardinal's R024 fixture: two 0s and seven 100s → Q1 = 66.67, Q3 = 100, fence = 16.67.
        let r024 = [0, 0] + [Double](repeating: 100, count: 7)
        let q1 = Quartiles.quantile(r024, 0.25)
        let q3 = Quartiles.quantile(r024, 0.75)
        #expect((q1 * 10_000).rounded() / 10_000 == 66.6667)
        #expect(q3 == 100)
        #expect((Quartiles.lowerFence(q1: q1, q3: q3) * 10_000).rounded() / 10_000 == 16.6667)
        #expect(Quartiles.upperFence(q1: 1, q3: 2) == 3.5)
    }

    @Test func numbersPrintAsSerdeJSONDoes() {
        let cases: [(Double, String)] = [
            (1, "1.0"), (0, "0.0"), (-0.0, "-0.0"), (0.2, "0.2"), (100, "100.0"), (-2.5, "-2.5"),
            (0.16666666666666666, "0.16666666666666666"), (66.6667, "66.6667"),
            (1e15, "1000000000000000.0"), (1e16, "1e16"), (1.5e17, "1.5e17"), (1.2345678901234568e20, "1.2345678901234568e20"),
            (0.0001, "0.0001"), (0.00001, "0.00001"), (0.000001, "1e-6"), (1.5e-7, "1.5e-7"),
            (.infinity, "null"), (.nan, "null"),
        ]
        for (value, text) in cases {
            #expect(CardinalNumberFormat.format(value) == text, "\(value)")
        }
    }

    @Test func exactDecimalsCompareByValue() throws {
        let a = try #require(ExactDecimal("1.50"))
        #expect(a == ExactDecimal("15e-1"))
        #expect(a.description == "1.5")
        #expect(ExactDecimal("0.000") == .zero)
        #expect(ExactDecimal("-0") == .zero)
        #expect(try #require(ExactDecimal("0.1")) < #require(ExactDecimal("0.10000000000000001")))
        #expect(try #require(ExactDecimal("-2")) < #require(ExactDecimal("-1.9")))
        #expect(try #require(ExactDecimal("-1")) < .zero)
        #expect(try #require(ExactDecimal("999")) < #require(ExactDecimal("1e3")))
        #expect(ExactDecimal("1200.00")?.description == "1200")
        #expect(ExactDecimal("0.05")?.description == "0.05")
        #expect(ExactDecimal("1.") == nil)
        #expect(ExactDecimal("abc") == nil)
        #expect(Set([ExactDecimal("1.0")!, ExactDecimal("1")!]).count == 1)
    }

    @Test func amountsParseToTheCorrectlyRoundedDouble() {
        for text in ["0.1", "123456.78", "1e22", "1e23", "9007199254740993", "2.2250738585072014e-308", "-0.0", "1234567890123456789012"] {
            #expect(Amount(text)?.value == Double(text), "\(text)")
        }
        #expect(Amount("1")?.isIntegerLiteral == true)
        #expect(Amount("1.0")?.isIntegerLiteral == false)
    }
}
