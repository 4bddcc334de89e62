/// The whole product map of `PRODUCT.md`, shown in the navigation. Sections not built yet say
/// so plainly, with no made-up pages behind them.
struct ProductSection: Sendable {
    let slug: String
    let zh: String
    let en: String
    /// Where the built section lives; nil while it is not built.
    let path: String?
}

enum ProductMap {
    static let sections: [ProductSection] = [
        .init(slug: "registry", zh: "基础信息", en: "Registry", path: "/units"),
        .init(slug: "imports", zh: "数据导入", en: "Data import", path: "/imports"),
        .init(slug: "supervision", zh: "大数据监督", en: "Data supervision", path: "/findings"),
        .init(slug: "procurement", zh: "招投标预警", en: "Procurement red flags", path: "/procurement"),
        .init(slug: "reports", zh: "信访举报与问题线索", en: "Reports and clues", path: "/reports"),
        .init(slug: "talks", zh: "廉政谈话与廉政档案", en: "Integrity talks and files", path: "/talks"),
        .init(slug: "responsibility", zh: "主体责任", en: "Responsibility system", path: nil),
        .init(slug: "risk", zh: "廉政风险防控", en: "Risk prevention", path: nil),
        .init(slug: "rectification", zh: "整改", en: "Rectification", path: nil),
        .init(slug: "transparency", zh: "政务公开", en: "Transparency", path: nil),
        .init(slug: "ledger", zh: "防篡改账本", en: "Ledger", path: "/ledger"),
        .init(slug: "reporting", zh: "统计报表", en: "Reporting", path: nil),
    ]
}
