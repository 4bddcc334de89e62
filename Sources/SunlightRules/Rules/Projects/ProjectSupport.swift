import Foundation
import SunlightDomain

enum ProjectFacts {
    static func isEmpty(_ text: String?) -> Bool {
        guard let text else { return true }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    static func basics(_ p: ProjectRow) -> [(String, Evidence)] {
        [("project_code", .string(p.projectCode)), ("name", .string(p.name)), ("unit_code", .string(p.unitCode))]
    }

    static func amount(_ fen: Int64?) -> Evidence { fen.map { .yuan($0) } ?? .null }

    static func unitZh(_ data: SupervisionData, _ p: ProjectRow) -> String { data.unitZh(data.symbol(p.unitCode)) }
    static func unitEn(_ data: SupervisionData, _ p: ProjectRow) -> String { data.unitEn(data.symbol(p.unitCode)) }
}
