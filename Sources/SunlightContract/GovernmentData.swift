/// The government datasets the supervision rules read (`data-contract.md`, from `deaths` to
/// `service_cases`). They come from other systems — civil affairs, public security, market
/// regulation, finance, the trading centre, the service hall — and are never edited by hand in
/// Sunlight: evidence is corrected at its source and imported again (`isImportOnly`).
public enum GovernmentData {
    public static let expenseCategories: [EnumOption] = [
        .init("general", "一般公用"), .init("travel_abroad", "因公出国(境)"),
        .init("vehicles", "公务用车购置及运行"), .init("reception", "公务接待"), .init("project", "项目"),
    ]

    public static let projectStatuses: [EnumOption] = [
        .init("planned", "计划"), .init("tendering", "招标中"), .init("building", "在建"),
        .init("accepted", "已验收"), .init("closed", "已销号"),
    ]

    public static let tenderMethods: [EnumOption] = [
        .init("open", "公开招标"), .init("invited", "邀请招标"), .init("competitive_negotiation", "竞争性谈判"),
        .init("consultation", "竞争性磋商"), .init("inquiry", "询价"), .init("single_source", "单一来源"),
    ]

    public static let bidStatuses: [EnumOption] = [
        .init("valid", "有效"), .init("disqualified", "否决/废标"), .init("withdrawn", "撤回"),
    ]

    public static let serviceStatuses: [EnumOption] = [
        .init("open", "办理中"), .init("completed", "已办结"), .init("suspended", "挂起"),
    ]

    public static let deaths = Dataset(name: "deaths", nameZh: "死亡及户籍注销", scope: .countyWide, importOnly: true, fields: [
        Field("id_number", "身份证号", .idNumber, key: true),
        Field("name", "姓名"),
        Field("death_date", "死亡日期", .date, required: true),
    ])

    public static let vehicles = Dataset(name: "vehicles", nameZh: "机动车", scope: .countyWide, importOnly: true, fields: [
        Field("plate", "号牌号码", key: true, maxLength: Field.codeMaxLength),
        Field("owner_id_number", "所有人身份证号", .idNumber, required: true),
        Field("owner_name", "所有人"),
        Field("vehicle_type", "车辆类型"),
        Field("registered", "注册日期", .date),
    ])

    public static let programs = Dataset(name: "programs", nameZh: "惠民资金项目", scope: .shared, importOnly: true, fields: [
        Field("program", "项目名称", key: true),
        Field("means_tested", "是否经济状况核查", .bool),
        Field("exclusive_with", "互斥项目"),
        Field("min_age", "最低年龄", .integer),
    ])

    /// Keyed by the roll (program, period): importing a roll replaces it as a whole, and the
    /// same person twice in one roll is kept — a double payment is evidence.
    public static let benefits = Dataset(
        name: "benefits", nameZh: "惠民资金发放", scope: .column("village_code"), importOnly: true, replacesRolls: true,
        fields: [
            Field("program", "项目", key: true),
            Field("period", "发放期间", .yearMonth, key: true),
            Field("id_number", "身份证号", .idNumberLenient, required: true),
            Field("name", "姓名", required: true),
            Field("household_id", "户号", maxLength: Field.codeMaxLength),
            Field("village_code", "村社区编码", maxLength: Field.codeMaxLength),
            Field("amount", "金额", .money, required: true),
            Field("account", "收款账号"),
            Field("paid_date", "发放日期", .date),
        ])

    public static let budgets = Dataset(name: "budgets", nameZh: "预算", scope: .column("unit_code"), importOnly: true, fields: [
        Field("year", "年度", .integer, key: true),
        Field("unit_code", "单位编码", key: true, maxLength: Field.codeMaxLength),
        Field("category", "支出类别", .enumeration(expenseCategories), key: true),
        Field("project_code", "项目编码", key: true, maxLength: Field.codeMaxLength),
        Field("amount", "预算金额", .money, required: true),
    ])

    public static let payments = Dataset(name: "payments", nameZh: "支付凭证", scope: .column("unit_code"), importOnly: true, fields: [
        Field("voucher_no", "凭证号", key: true, maxLength: Field.codeMaxLength),
        Field("unit_code", "单位编码", key: true, maxLength: Field.codeMaxLength),
        Field("date", "支付日期", .date, required: true),
        Field("payee_name", "收款方", required: true),
        Field("payee_code", "收款方代码", .partyCode),
        Field("payee_account", "收款账号"),
        Field("amount", "金额", .money, required: true),
        Field("category", "支出类别", .enumeration(expenseCategories)),
        Field("project_code", "项目编码", maxLength: Field.codeMaxLength),
        Field("purpose", "摘要", maxLength: Field.freeTextMaxLength),
        Field("approver_id_number", "审批人身份证号", .idNumberLenient),
    ])

    public static let projects = Dataset(name: "projects", nameZh: "项目", scope: .column("unit_code"), importOnly: true, fields: [
        Field("project_code", "项目编码", key: true, maxLength: Field.codeMaxLength),
        Field("name", "项目名称", required: true),
        Field("unit_code", "建设单位", required: true, maxLength: Field.codeMaxLength),
        Field("approved_budget", "批复概算", .money, required: true),
        Field("funding_source", "资金来源"),
        Field("approved_date", "批复日期", .date),
        Field("tender_id", "招标项目编号", maxLength: Field.codeMaxLength),
        Field("contract_amount", "合同金额", .money),
        Field("final_amount", "决算金额", .money),
        Field("approved_scale", "批复规模", maxLength: Field.freeTextMaxLength),
        Field("actual_scale", "实际规模", maxLength: Field.freeTextMaxLength),
        Field("status", "状态", .enumeration(projectStatuses)),
        Field("accepted_date", "验收日期", .date),
        Field("closed_date", "销号日期", .date),
    ])

    public static let tenders = Dataset(name: "tenders", nameZh: "招标项目", scope: .column("buyer_unit_code"), importOnly: true, fields: [
        Field("tender_id", "招标项目编号", key: true, maxLength: Field.codeMaxLength),
        Field("title", "项目名称"),
        Field("buyer_unit_code", "招标人", required: true, maxLength: Field.codeMaxLength),
        Field("method", "方式", .enumeration(tenderMethods)),
        Field("ceiling", "最高限价", .money),
        Field("published_date", "公告日期", .date),
        Field("deadline", "投标截止", .datetime),
        Field("award_date", "中标日期", .date),
        Field("winner_uscc", "中标人", .uscc),
        Field("award_amount", "中标金额", .money),
    ])

    public static let bids = Dataset(name: "bids", nameZh: "投标明细", scope: .countyWide, importOnly: true, fields: [
        Field("tender_id", "招标项目编号", key: true, maxLength: Field.codeMaxLength),
        Field("bidder_uscc", "投标人代码", .uscc, key: true),
        Field("bidder_name", "投标人"),
        Field("amount", "投标报价", .money, required: true),
        Field("submitted_at", "递交时间", .datetime),
        Field("status", "状态", .enumeration(bidStatuses)),
        Field("file_hash", "投标文件哈希"),
        Field("device_id", "机器码/MAC"),
        Field("ip", "上传IP"),
        Field("bond_account", "保证金付款账号"),
        Field("contact_name", "联系人"),
        Field("contact_phone", "联系电话"),
    ])

    public static let serviceCases = Dataset(name: "service_cases", nameZh: "政务服务办件", scope: .column("unit_code"), importOnly: true, fields: [
        Field("case_no", "办件编号", key: true, maxLength: Field.codeMaxLength),
        Field("matter", "事项名称", required: true),
        Field("unit_code", "承办单位", required: true, maxLength: Field.codeMaxLength),
        Field("received_at", "受理时间", .datetime, required: true),
        Field("completed_at", "办结时间", .datetime),
        Field("time_limit_days", "承诺时限(工作日)", .integer, required: true, aliases: ["承诺时限"]),
        Field("handler_id_number", "经办人身份证号", .idNumber),
        Field("status", "状态", .enumeration(serviceStatuses)),
    ])

    /// In the contract's order, which is also a safe import order.
    public static let all: [Dataset] = [
        deaths, vehicles, programs, benefits, budgets, payments, projects, tenders, bids, serviceCases,
    ]
}

/// Every dataset of the data contract: the registry, then the government data.
public enum Contract {
    public static let datasets: [Dataset] = Registry.all + GovernmentData.all

    /// A dataset by its name (`company_roles`) or API path segment (`company-roles`).
    public static func dataset(named name: String) -> Dataset? {
        datasets.first { $0.name == name || $0.pathSegment == name }
    }
}
