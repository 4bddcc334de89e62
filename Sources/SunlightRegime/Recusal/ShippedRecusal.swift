import SunlightDomain

/// The shipped recusal table: 监察法 (2024) Art. 67 ✅ and 信访工作条例 Art. 28 ✅.
enum ShippedRecusal {
    static func art67(_ item: String, _ n: Int) -> BilingualText {
        text("《监察法》第六十七条第\(item)项", "Supervision Law, Art. 67(\(n))")
    }
    static let art28 = text("《信访工作条例》第二十八条；《监察法》第六十七条第三项",
                            "Regulations on Petition Work, Art. 28; Supervision Law, Art. 67(3)")

    static let table = RecusalTable(
        header: TableHeader(version: "2025.1", effective: LocalDate(year: 2025, month: 6, day: 1)!),
        grounds: [
            RecusalGroundInfo(ground: .handlerIsSubject, label: text("本人是被反映人", "is the person reported on"), basis: art28, status: .primary),
            RecusalGroundInfo(ground: .handlerIsReporter, label: text("本人是检举人", "is the reporter"), basis: art28, status: .primary),
            RecusalGroundInfo(ground: .relativeOfSubject, label: text("是监察对象的近亲属", "close relative of the person reported on"), basis: art67("一", 1), status: .primary),
            RecusalGroundInfo(ground: .relativeOfReporter, label: text("是检举人的近亲属", "close relative of the reporter"), basis: art67("一", 1), status: .primary),
            RecusalGroundInfo(ground: .witness, label: text("担任过本案证人", "was a witness in the case"), basis: art67("二", 2), status: .primary),
            RecusalGroundInfo(ground: .interest, label: text("本人或近亲属与事项有利害关系", "they or a close relative have an interest"), basis: art67("三", 3), status: .primary),
        ])
}
