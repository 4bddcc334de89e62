import Foundation
import Testing
@testable import SunlightReports

@Suite struct ReceiptCodeTests {
    @Test func generatedCodesAreSixteenDigitsAndDiffer() {
        let codes = (0..<50).map { _ in ReceiptCode.generate().digits }
        #expect(codes.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        #expect(Set(codes).count == 50)
    }

    @Test func parsingAcceptsWhatPeopleType() {
        #expect(ReceiptCode("1234 5678 9012 3456")?.digits == "1234567890123456")
        #expect(ReceiptCode("1234-5678-9012-3456")?.digits == "1234567890123456")
        #expect(ReceiptCode("１２３４５６７８９０１２３４５６")?.digits == "1234567890123456")
        #expect(ReceiptCode("123456789012345") == nil)
        #expect(ReceiptCode("12345678901234567") == nil)
        #expect(ReceiptCode("1234 5678 9012 345a") == nil)
        #expect(ReceiptCode("1234567890123456")?.grouped == "1234 5678 9012 3456")
    }

    @Test func theCodeNeverShowsInDescriptions() {
        let code = ReceiptCode("1234567890123456")!
        #expect(!"\(code)".contains("1234"))
    }
}

@Suite struct SealingTests {
    @Test func lookupHashesAreStableSaltedAndDistinct() throws {
        let salt = ReceiptHasher.randomSalt()
        let hasher = ReceiptHasher(installationSalt: salt, cost: .fast)
        let code = ReceiptCode("1234567890123456")!
        #expect(try hasher.lookupHash(code) == hasher.lookupHash(code))
        #expect(try hasher.lookupHash(code) != hasher.lookupHash(ReceiptCode("1234567890123457")!))
        let other = ReceiptHasher(installationSalt: ReceiptHasher.randomSalt(), cost: .fast)
        #expect(try hasher.lookupHash(code) != other.lookupHash(code))
        #expect(try !hasher.lookupHash(code).contains(code.digits))
    }

    @Test func contentOpensOnlyInItsContext() throws {
        let key = ReportKey.generate()
        let sealed = try key.seal("某村支书虚报冒领低保", context: "report:1:content")
        #expect(!sealed.contains("低保"))
        #expect(try key.openText(sealed, context: "report:1:content") == "某村支书虚报冒领低保")
        #expect(throws: SealingError.cannotOpen) { try key.open(sealed, context: "report:2:content") }
        #expect(throws: SealingError.cannotOpen) { try ReportKey.generate().open(sealed, context: "report:1:content") }
        var tampered = Array(sealed)
        tampered[tampered.count - 5] = tampered[tampered.count - 5] == "A" ? "B" : "A"
        #expect(throws: SealingError.self) { try key.open(String(tampered), context: "report:1:content") }
    }

    @Test func theOfficeKeyOpensTheEnvelopeAndNoOtherKeyDoes() throws {
        let office = OfficeKey.generate()
        let key = ReportKey.generate()
        let envelope = try key.sealed(to: office.publicKey, reportID: "7")
        let opened = try ReportKey.open(envelope: envelope, with: office, reportID: "7")
        let sealed = try key.seal("text", context: "c")
        #expect(try opened.openText(sealed, context: "c") == "text")
        #expect(throws: SealingError.cannotOpen) { try ReportKey.open(envelope: envelope, with: OfficeKey.generate(), reportID: "7") }
        #expect(throws: SealingError.cannotOpen) { try ReportKey.open(envelope: envelope, with: office, reportID: "8") }
    }

    @Test func theReceiptCodeUnwrapsTheKey() throws {
        let hasher = ReceiptHasher(installationSalt: Data(), cost: .fast)
        let code = ReceiptCode.generate()
        let salt = ReceiptHasher.randomSalt()
        let key = ReportKey.generate()
        let wrapped = try key.wrapped(under: hasher.wrappingKey(code, reportSalt: salt), reportID: "3")
        let back = try ReportKey.unwrap(wrapped, with: hasher.wrappingKey(code, reportSalt: salt), reportID: "3")
        #expect(try back.openText(key.seal("x", context: "c"), context: "c") == "x")
        let wrong = ReceiptCode(String(code.digits.dropLast()) + (code.digits.last == "0" ? "1" : "0"))!
        #expect(throws: SealingError.cannotOpen) { try ReportKey.unwrap(wrapped, with: hasher.wrappingKey(wrong, reportSalt: salt), reportID: "3") }
    }

    @Test func keyringStoresKeysAsPrivateFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try OfficeKeyring.load(directory: dir)
        #expect(empty.keys.isEmpty)
        let (ring, key) = try empty.creatingKey()
        #expect(ring.keys.count == 1)
        let reloaded = try OfficeKeyring.load(directory: dir)
        #expect(reloaded.keys[key.publicKey.fingerprint]?.publicKey == key.publicKey)
        let file = dir.appendingPathComponent("office-\(key.publicKey.fingerprint).key")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try "garbage".write(to: dir.appendingPathComponent("office-bad.key"), atomically: true, encoding: .utf8)
        #expect(throws: SealingError.badKeyFile("office-bad.key")) { try OfficeKeyring.load(directory: dir) }
    }
}

@Suite struct SubmissionTests {
    @Test func anonymousReportsDropIdentityAndNeedASubjectAndText() throws {
        let ok = try ReportSubmission(anonymous: true, reporterName: "张三", subjectName: " 李四 ", text: "  李四多次收受工程老板红包  ").validated()
        #expect(ok.reporterName == "" && ok.subjectName == "李四" && ok.text == "李四多次收受工程老板红包")
        #expect(ok.identityJSON == nil)
        do {
            _ = try ReportSubmission(anonymous: true, text: "短").validated()
            Issue.record("accepted")
        } catch {
            #expect(Set(error.problems.map(\.code)) == ["report.text_short", "report.subject_missing"])
        }
    }

    @Test func realNameReportsNeedNameAndContactAndAValidID() throws {
        do {
            _ = try ReportSubmission(anonymous: false, reporterIDNumber: "110105194912310021", subjectName: "李四",
                                     text: "李四多次收受工程老板红包").validated()
            Issue.record("accepted")
        } catch {
            #expect(Set(error.problems.map(\.code)) == ["report.reporter_name_missing", "report.reporter_id_invalid", "report.reporter_contact_missing"])
        }
        let ok = try ReportSubmission(anonymous: false, reporterName: "张三", reporterIDNumber: "11010519491231002x", reporterPhone: "13800000000",
                                      subjectName: "李四", text: "李四多次收受工程老板红包").validated()
        #expect(ok.reporterIDNumber == "11010519491231002X")
        #expect(ok.identityJSON?.contains("张三") == true)
    }

    @Test func similarityFindsRetypedReports() {
        let a = "城关镇李四在2024年低保评审中优亲厚友，其弟李五不符合条件却领取低保"
        let b = "城关镇的李四在低保评审里优亲厚友：其弟弟李五不符合条件，却领低保。"
        let c = "交通局工程项目招标存在围标串标问题"
        #expect(TextSimilarity.similarity(a, b) > 0.5)
        #expect(TextSimilarity.similarity(a, c) < 0.1)
        #expect(TextSimilarity.similarity(a, a) == 1)
    }
}
