import Foundation
import SunlightDomain

/// `project.scale_increase` 擅自扩大规模: actual_scale > approved_scale, "compares the leading
/// numbers of the two scales when their unit texts match". Projects missing a scale, or whose
/// scales have no leading number or different units, cannot be judged.
public struct ProjectScaleIncreaseRule: SupervisionRule {
    public init() {}
    public var code: String { "project.scale_increase" }
    public var version: Int { 1 }
    public var titleZh: String { "擅自扩大规模" }
    public var titleEn: String { "Project built larger than approved" }
    public var explanationZh: String {
        "实际建设规模超过批复规模（如面积、长度），属于未经批准擅自扩大建设规模，往往伴随超概算。按两者开头的数字比较，单位相同时才比较。"
    }
    public var explanationEn: String {
        "A project built larger than its approved scale (floor area, length…) was enlarged without approval, often with a cost overrun. The leading numbers are compared when both scales use the same unit."
    }
    public var inputs: [String] { ["projects"] }
    public var parameters: [ParameterSpec] { [] }

    /// "1,200.5 平方米" → (1200.5, "平方米"); nil without a leading number.
    static func parse(_ raw: String) -> (number: Decimal, unit: String)? {
        let text = TextFolding.fold(raw)
        var digits = ""
        var rest = Substring(text)
        var seenDot = false
        while let c = rest.first {
            if c.isASCII && c.isNumber {
                digits.append(c)
            } else if c == "," && !digits.isEmpty && !seenDot {
                // thousands separator
            } else if c == "." && !seenDot && !digits.isEmpty {
                seenDot = true
                digits.append(c)
            } else {
                break
            }
            rest = rest.dropFirst()
        }
        if digits.hasSuffix(".") { digits.removeLast() }
        guard !digits.isEmpty, let number = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return (number, rest.trimmingCharacters(in: .whitespaces).lowercased())
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.projects]) { return result }
        var run = RuleRun(self, context)
        for p in data.projects {
            guard let approvedText = p.approvedScale, let actualText = p.actualScale,
                  !ProjectFacts.isEmpty(approvedText), !ProjectFacts.isEmpty(actualText) else {
                run.markNotComputable(zh: "缺少批复规模或实际规模", en: "the approved or actual scale is missing")
                continue
            }
            guard let approved = Self.parse(approvedText), let actual = Self.parse(actualText) else {
                run.markNotComputable(zh: "规模不以数字开头", en: "a scale does not start with a number")
                continue
            }
            guard approved.unit == actual.unit else {
                run.markNotComputable(zh: "批复规模与实际规模的单位不同", en: "the approved and actual scales use different units")
                continue
            }
            guard actual.number > approved.number else { run.markClear(); continue }
            run.flag(
                subject: p.projectCode, severity: .medium,
                zh: "项目“\(p.name)”（\(p.projectCode)）实际规模 \(actualText) 超过批复规模 \(approvedText)",
                en: "Project \"\(p.name)\" (\(p.projectCode)) was built at \(actualText), larger than the approved \(approvedText)",
                evidence: .pairs(ProjectFacts.basics(p) + [
                    ("approved_scale", .string(approvedText)), ("actual_scale", .string(actualText)),
                    ("approved_number", .string("\(approved.number)")), ("actual_number", .string("\(actual.number)")),
                    ("unit", .string(actual.unit)),
                ]))
        }
        return run.result()
    }
}
