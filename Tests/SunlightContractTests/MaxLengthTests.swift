import SunlightContract
import SunlightDomain
import Testing

/// Issue 18: a 20 MB unit name was stored. Every write path parses through `FieldParser`, so
/// these are the checks the import, the forms and the API all get.
@Suite("Field values have maximum lengths")
struct MaxLengthTests {
    let parser = FieldParser(asOf: LocalDate(year: 2026, month: 1, day: 1)!)

    @Test func overLongValuesAreRefusedWithValueTooLong() throws {
        let name = try #require(Registry.units.fields.first { $0.name == "name" })
        #expect(name.maxLength == 200)
        #expect(try parser.parse(String(repeating: "县", count: 200), for: name) == .text(String(repeating: "县", count: 200)))
        let error = try #require(throws: ValueError.self) { try parser.parse(String(repeating: "县", count: 201), for: name) }
        #expect(error.code == "value.too_long")
        #expect(error.messageZh.contains("200"))
        #expect(error.messageEn.contains("200"))

        // The attack's size: refused without folding or counting 20 MB.
        let huge = String(repeating: "x", count: 20 << 20)
        #expect(throws: ValueError.self) { try parser.parse(huge, for: name) }
        // Surrounding white space does not count; a typed field has its format's limit.
        #expect(try parser.parse("  " + String(repeating: "a", count: 200) + "  ", for: name) == .text(String(repeating: "a", count: 200)))
        let money = Field("amount", "金额", .money)
        let moneyError = try #require(throws: ValueError.self) { try parser.parse(String(repeating: "9", count: 41), for: money) }
        #expect(moneyError.code == "value.too_long")
    }

    @Test func perFieldOverridesAndContractDefaults() throws {
        let purpose = try #require(GovernmentData.payments.fields.first { $0.name == "purpose" })
        #expect(purpose.maxLength == Field.freeTextMaxLength)
        #expect(try parser.parse(String(repeating: "款", count: 2_000), for: purpose) != .null)
        #expect(throws: ValueError.self) { try parser.parse(String(repeating: "款", count: 2_001), for: purpose) }
        let unitCode = try #require(Registry.units.fields.first { $0.name == "unit_code" })
        #expect(unitCode.maxLength == Field.codeMaxLength)
        #expect(Field("x", "x", maxLength: 5).maxLength == 5)
        for dataset in Contract.datasets {
            for field in dataset.fields { #expect(field.maxLength > 0 && field.maxLength <= Field.freeTextMaxLength) }
        }
    }

    @Test func rowErrorsNameTheLineAndEchoOnlyAPrefix() throws {
        let rows = RowParser(dataset: Registry.units, parser: parser)
        let result = rows.parse(named: ["unit_code": "U1", "name": String(repeating: "名", count: 1 << 20), "kind": "部门"], line: 7)
        guard case .failure(let errors) = result else {
            Issue.record("an over-long name was accepted")
            return
        }
        let error = try #require(errors.errors.first)
        #expect(error.line == 7)
        #expect(error.column == "name")
        #expect(error.code == "value.too_long")
        #expect(error.value.count <= CellError.maxEchoedCharacters + 1)
        #expect(error.value.hasSuffix("…"))
    }
}

@Suite("Extra columns have a maximum length too")
struct AttributeLengthTests {
    @Test func overLongExtraColumnIsRefused() throws {
        let header = try HeaderMap(headers: ["unit_code", "name", "kind", "备注"], dataset: Registry.units)
        let rows = RowParser(dataset: Registry.units)
        let ok = rows.parseRow(fields: ["U1", "县委", "party", "短"], line: 2, header: header)
        #expect((try? ok.get()) != nil)
        let long = rows.parseRow(fields: ["U1", "县委", "party", String(repeating: "长", count: 2_001)], line: 3, header: header)
        guard case .failure(let errors) = long else {
            Issue.record("an over-long extra column was accepted")
            return
        }
        #expect(errors.errors.map(\.code) == ["value.too_long"])
        #expect(errors.errors.first?.column == "备注")
        #expect(errors.errors.first?.line == 3)
    }
}
