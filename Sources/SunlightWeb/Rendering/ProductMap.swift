/// The whole product map of `PRODUCT.md`, shown in the navigation. Sections not built yet say
/// so plainly, with no made-up pages behind them. A section is built when a capability is its
/// home (`Capability.home`): the map itself never changes when one is added.
struct ProductSection: Sendable {
    let slug: String
    let zh: String
    let en: String

    /// Where the built section opens; nil while no capability is its home.
    var path: String? { Capabilities.homes[slug] }
}

enum ProductMap {
    static let sections: [ProductSection] = [
        .init(slug: "registry", zh: "基础信息", en: "Registry"),
        .init(slug: "imports", zh: "数据导入", en: "Data import"),
        .init(slug: "supervision", zh: "大数据监督", en: "Data supervision"),
        .init(slug: "procurement", zh: "招投标预警", en: "Procurement red flags"),
        .init(slug: "reports", zh: "信访举报与问题线索", en: "Reports and clues"),
        .init(slug: "talks", zh: "廉政谈话与廉政档案", en: "Integrity talks and files"),
        .init(slug: "responsibility", zh: "主体责任", en: "Responsibility system"),
        .init(slug: "risk", zh: "廉政风险防控", en: "Risk prevention"),
        .init(slug: "rectification", zh: "整改", en: "Rectification"),
        .init(slug: "transparency", zh: "政务公开", en: "Transparency"),
        .init(slug: "ledger", zh: "防篡改账本", en: "Ledger"),
        .init(slug: "reporting", zh: "统计报表", en: "Reporting"),
    ]
}
