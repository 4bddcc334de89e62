import Foundation
import SunlightDomain

/// What a reporter (or an inspector entering a letter, visit or call) says in a report, before
/// it is sealed. Validation here is the same for the portal form, the public API and internal
/// intake, so all three reject the same things with the same bilingual messages.
public struct ReportSubmission: Sendable, Equatable {
    /// Anonymous reports carry no identity at all; real-name ones get the statutory notices
    /// (acceptance within 15 working days, result after closure).
    public var anonymous: Bool
    public var reporterName: String
    public var reporterIDNumber: String
    public var reporterPhone: String
    /// Optional contact for follow-up (an address, an e-mail): kept sealed.
    public var contact: String
    public var subjectName: String
    public var subjectUnit: String
    public var subjectPost: String
    /// What happened, in the reporter's words.
    public var text: String
    /// When it happened, as the reporter puts it ("2025年3月", "去年春节前"): free text.
    public var when: String

    public init(anonymous: Bool = true, reporterName: String = "", reporterIDNumber: String = "", reporterPhone: String = "",
                contact: String = "", subjectName: String = "", subjectUnit: String = "", subjectPost: String = "",
                text: String = "", when: String = "") {
        self.anonymous = anonymous
        self.reporterName = reporterName
        self.reporterIDNumber = reporterIDNumber
        self.reporterPhone = reporterPhone
        self.contact = contact
        self.subjectName = subjectName
        self.subjectUnit = subjectUnit
        self.subjectPost = subjectPost
        self.text = text
        self.when = when
    }

    public static let maxTextLength = 20_000
    public static let minTextLength = 10
    public static let maxFieldLength = 200

    /// Trimmed copy, validated: every problem at once, keyed by field name.
    public func validated() throws(ReportInputError) -> ReportSubmission {
        var clean = self
        func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        clean.reporterName = trim(reporterName)
        clean.reporterIDNumber = trim(reporterIDNumber)
        clean.reporterPhone = trim(reporterPhone)
        clean.contact = trim(contact)
        clean.subjectName = trim(subjectName)
        clean.subjectUnit = trim(subjectUnit)
        clean.subjectPost = trim(subjectPost)
        clean.text = trim(text)
        clean.when = trim(when)
        var problems: [ReportInputError.Problem] = []
        if clean.text.count < Self.minTextLength {
            problems.append(.init(field: "text", code: "report.text_short",
                                  messageZh: "请写明反映的问题（至少 \(Self.minTextLength) 个字）",
                                  messageEn: "describe the matter (at least \(Self.minTextLength) characters)"))
        }
        if clean.text.count > Self.maxTextLength {
            problems.append(.init(field: "text", code: "report.text_long",
                                  messageZh: "内容过长（最多 \(Self.maxTextLength) 字），可分条补充或上传附件",
                                  messageEn: "too long (at most \(Self.maxTextLength) characters): add the rest as messages or files"))
        }
        if clean.subjectName.isEmpty && clean.subjectUnit.isEmpty {
            problems.append(.init(field: "subject_name", code: "report.subject_missing",
                                  messageZh: "请填写被反映人姓名或所在单位", messageEn: "name the person reported or their unit"))
        }
        for (field, value) in [("subject_name", clean.subjectName), ("subject_unit", clean.subjectUnit), ("subject_post", clean.subjectPost),
                               ("reporter_name", clean.reporterName), ("contact", clean.contact), ("when", clean.when),
                               ("reporter_phone", clean.reporterPhone)] where value.count > Self.maxFieldLength {
            problems.append(.init(field: field, code: "report.field_long",
                                  messageZh: "该项过长（最多 \(Self.maxFieldLength) 字）", messageEn: "too long (at most \(Self.maxFieldLength) characters)"))
        }
        if clean.anonymous {
            clean.reporterName = ""
            clean.reporterIDNumber = ""
            clean.reporterPhone = ""
        } else {
            if clean.reporterName.isEmpty {
                problems.append(.init(field: "reporter_name", code: "report.reporter_name_missing",
                                      messageZh: "实名举报请填写姓名", messageEn: "a real-name report needs your name"))
            }
            if !clean.reporterIDNumber.isEmpty {
                do {
                    clean.reporterIDNumber = try ResidentID.parse(clean.reporterIDNumber).value
                } catch {
                    problems.append(.init(field: "reporter_id_number", code: "report.reporter_id_invalid",
                                          messageZh: "身份证号无效：" + error.messageZh, messageEn: "invalid ID number: " + error.messageEn))
                }
            }
            if clean.reporterPhone.isEmpty && clean.contact.isEmpty {
                problems.append(.init(field: "reporter_phone", code: "report.reporter_contact_missing",
                                      messageZh: "实名举报请留下联系电话或联系方式，以便告知受理和办理结果",
                                      messageEn: "a real-name report needs a phone or contact, so that we can tell you it was accepted and its result"))
            }
        }
        guard problems.isEmpty else { throw ReportInputError(problems: problems) }
        return clean
    }

    /// The reporter's identity as one sealed JSON object (empty for anonymous reports).
    public var identityJSON: String? {
        guard !anonymous else { return nil }
        let object = ["name": reporterName, "id_number": reporterIDNumber, "phone": reporterPhone]
        return String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }
}

/// Bad report input: every problem found, each with its field, code and zh/en message.
public struct ReportInputError: BilingualError, Equatable {
    public struct Problem: Sendable, Equatable {
        public let field: String
        public let code: String
        public let messageZh: String
        public let messageEn: String
    }

    public let problems: [Problem]

    public var code: String { "report.invalid" }
    public var messageZh: String { problems.map(\.messageZh).joined(separator: "；") }
    public var messageEn: String { problems.map(\.messageEn).joined(separator: "; ") }
    public var details: [ErrorDetail] {
        problems.map { ErrorDetail(field: $0.field, code: $0.code, messageZh: $0.messageZh, messageEn: $0.messageEn) }
    }
}
