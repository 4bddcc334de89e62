import SunlightContract
import SunlightDomain
import Testing

@Suite("Field parsing follows the data contract")
struct FieldParserTests {
    let parser = FieldParser(asOf: LocalDate(year: 2026, month: 1, day: 1)!)

    @Test func datesInEveryListedFormBecomeISO() throws {
        let field = Field("since", "任职日期", .date)
        for raw in ["2025-03-07", "2025/3/7", "2025年3月7日", "20250307", "２０２５-０３-０７"] {
            #expect(try parser.parse(raw, for: field) == .text("2025-03-07"), "\(raw)")
        }
        #expect(throws: ValueError.self) { try parser.parse("2025-02-30", for: field) }
    }

    @Test func excelSerialDatesOnlyFromSpreadsheets() throws {
        let field = Field("since", "任职日期", .date)
        let xlsx = FieldParser(asOf: LocalDate(year: 2026, month: 1, day: 1)!, acceptsExcelSerialDates: true)
        #expect(try xlsx.parse("45000", for: field) == .text("2023-03-15"))
        #expect(try xlsx.parse("20250307", for: field) == .text("2025-03-07"))
        #expect(throws: ValueError.self) { try parser.parse("45000", for: field) }
    }

    @Test func idNumbersAreValidatedUpgradedAndUpperCased() throws {
        let field = Field("id_number", "身份证号", .idNumber)
        #expect(try parser.parse("11010519491231002x", for: field) == .text("11010519491231002X"))
        #expect(try parser.parse("110105491231002", for: field) == .text("11010519491231002X"))
        #expect(throws: ValueError.self) { try parser.parse("110105194912310021", for: field) }
        let lenient = Field("id_number", "身份证号", .idNumberLenient)
        #expect(try parser.parse(" 110105194912310021 ", for: lenient) == .text("110105194912310021"))
    }

    @Test func enumsAcceptCodeOrChineseLabel() throws {
        let field = Registry.people.field(named: "category")!
        #expect(try parser.parse("公务员", for: field) == .text("civil_servant"))
        #expect(try parser.parse("Village_Cadre", for: field) == .text("village_cadre"))
        #expect(throws: ValueError.self) { try parser.parse("干部", for: field) }
    }

    @Test func moneyIsIntegerFenAndDecimalsAreCanonicalText() throws {
        #expect(try parser.parse("￥1,200.50", for: Field("amount", "金额", .money)) == .integer(120_050))
        #expect(throws: ValueError.self) { try parser.parse("-3", for: Field("amount", "金额", .money)) }
        #expect(try parser.parse("60.50%", for: Field("share_pct", "持股比例", .decimal)) == .text("60.5"))
        #expect(throws: ValueError.self) { try parser.parse("abc", for: Field("share_pct", "持股比例", .decimal)) }
    }

    @Test func booleansInChineseAndEnglish() throws {
        let field = Field("is_leader", "是否领导干部", .bool)
        #expect(try parser.parse("是", for: field) == .bool(true))
        #expect(try parser.parse("N", for: field) == .bool(false))
        #expect(try parser.parse("", for: field) == .null)
    }
}

@Suite("Header rows map onto datasets")
struct HeaderMapTests {
    @Test func aliasesCaseWidthAndUnitsAreIgnored() throws {
        let map = try HeaderMap(headers: [" 身份证号 ", "NAME", "单位编码（元）", "人员类别", "备注"], dataset: Registry.people)
        #expect(map.columns.map { $0?.name } == ["id_number", "name", "unit_code", "category", nil])
        let fullWidth = try HeaderMap(headers: ["ｉｄ_ｎｕｍｂｅｒ", "姓名", "unit_code", "category"], dataset: Registry.people)
        #expect(fullWidth.columns.first??.name == "id_number")
    }

    @Test func missingRequiredColumnsAreNamed() {
        #expect(throws: HeaderError.missingColumns([Registry.people.field(named: "unit_code")!, Registry.people.field(named: "category")!])) {
            try HeaderMap(headers: ["身份证号", "姓名"], dataset: Registry.people)
        }
    }

    @Test func aColumnGivenTwiceIsRefused() {
        #expect(throws: HeaderError.self) { try HeaderMap(headers: ["id_number", "身份证号", "name", "unit_code", "category"], dataset: Registry.people) }
    }

    @Test func companyRolesNeedOneOfTheHolderColumns() throws {
        _ = try HeaderMap(headers: ["uscc", "holder_uscc", "role"], dataset: Registry.companyRoles)
        #expect(throws: HeaderError.self) { try HeaderMap(headers: ["uscc", "role"], dataset: Registry.companyRoles) }
    }
}

@Suite("Rows report every problem")
struct RowParserTests {
    @Test func allCellProblemsOfARowAreListed() throws {
        let parser = RowParser(dataset: Registry.people, parser: FieldParser(asOf: LocalDate(year: 2026, month: 1, day: 1)!))
        let header = try HeaderMap(headers: ["身份证号", "姓名", "单位编码", "人员类别", "任职日期", "来源"], dataset: Registry.people)
        let result = parser.parse(fields: ["110105194912310021", "", "U1", "干部", "2025-02-30", "x"], line: 7, header: header)
        guard case .failure(let problems) = result else { Issue.record("expected failure"); return }
        #expect(problems.errors.map(\.column).sorted() == ["category", "id_number", "name", "since"])
        #expect(problems.errors.allSatisfy { $0.line == 7 && !$0.messageZh.isEmpty && !$0.messageEn.isEmpty })
        let ok = parser.parse(fields: ["11010519491231002X", "张三", "U1", "公务员", "", "外部系统"], line: 8, header: header)
        guard case .success(let record) = ok else { Issue.record("expected success"); return }
        #expect(record.attributes == ["来源": "外部系统"])
        #expect(record.key(in: Registry.people) == "11010519491231002X")
    }

    @Test func canonicalEncodingIsStableAndSorted() throws {
        var record = Record()
        record["name"] = .text("张三")
        record["id_number"] = .text("11010519491231002X")
        let json = String(decoding: record.canonicalJSON(in: Registry.people), as: UTF8.self)
        #expect(json.hasPrefix("{\"category\":null,\"id_number\":\"11010519491231002X\""))
        #expect(json == String(decoding: record.canonicalJSON(in: Registry.people), as: UTF8.self))
    }
}

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    @Test func recordEncodingEqualsTheGenericEncoder() {
        var record = Record(attributes: ["备注": "x\"y", "Z": "1"])
        record["name"] = .text("张三\n")
        record["id_number"] = .text("11010519491231002X")
        record["is_leader"] = .bool(true)
        var object: [String: CanonicalJSON] = ["_attributes": .object(["备注": .string("x\"y"), "Z": .string("1")])]
        for field in Registry.people.fields {
            switch record[field.name] {
            case .null: object[field.name] = .null
            case .text(let s): object[field.name] = .string(s)
            case .integer(let i): object[field.name] = .integer(i)
            case .bool(let b): object[field.name] = .bool(b)
            }
        }
        #expect(record.canonicalJSON(in: Registry.people) == CanonicalJSON.object(object).bytes)
        #expect(String(decoding: CanonicalJSON.object(["b": .integer(-3), "a": .string("\u{1}\\")]).bytes, as: UTF8.self)
                == #"{"a":"\u0001\\","b":-3}"#)
    }
}
