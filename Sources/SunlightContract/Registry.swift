/// The registry datasets of `data-contract.md`: units, people, relatives, households,
/// companies and company roles. Names, aliases and enums are the contract's public interface.
public enum Registry {
    public static let unitKinds: [EnumOption] = [
        .init("party", "党委机关"), .init("government", "政府"), .init("department", "部门"),
        .init("township", "乡镇街道"), .init("village", "村社区"), .init("soe", "国有企业"),
        .init("institution", "事业单位"),
    ]

    public static let personCategories: [EnumOption] = [
        .init("civil_servant", "公务员"), .init("institution_staff", "事业人员"),
        .init("soe_manager", "国企管理人员"), .init("village_cadre", "村干部"), .init("other", "其他"),
    ]

    public static let relations: [EnumOption] = [
        .init("spouse", "配偶"), .init("child", "子女"), .init("parent", "父母"),
        .init("sibling", "兄弟姐妹"), .init("child_spouse", "子女配偶"), .init("other", "其他"),
    ]

    public static let companyStatuses: [EnumOption] = [
        .init("active", "存续"), .init("deregistered", "注销"), .init("revoked", "吊销"),
    ]

    public static let companyRoleKinds: [EnumOption] = [
        .init("shareholder", "股东"), .init("legal_rep", "法定代表人"), .init("executive", "高管"),
        .init("supervisor", "监事"),
    ]

    public static let units = Dataset(name: "units", nameZh: "单位", scope: .unit(column: "unit_code"), fields: [
        Field("unit_code", "单位编码", key: true, maxLength: Field.codeMaxLength),
        Field("name", "单位名称", required: true),
        Field("parent_code", "上级单位编码", maxLength: Field.codeMaxLength),
        Field("kind", "类型", .enumeration(unitKinds), required: true),
        Field("region_code", "行政区划代码", maxLength: Field.codeMaxLength),
    ])

    public static let people = Dataset(name: "people", nameZh: "人员", scope: .column("unit_code"), fields: [
        Field("id_number", "身份证号", .idNumber, key: true),
        Field("name", "姓名", required: true),
        Field("unit_code", "单位编码", required: true, maxLength: Field.codeMaxLength),
        Field("post", "职务"),
        Field("rank", "职级"),
        Field("category", "人员类别", .enumeration(personCategories), required: true),
        Field("is_leader", "是否领导干部", .bool),
        Field("since", "任职日期", .date),
        Field("until", "离任日期", .date),
    ])

    public static let relatives = Dataset(name: "relatives", nameZh: "亲属关系", scope: .person(column: "id_number"), fields: [
        Field("id_number", "本人身份证号", .idNumber, key: true),
        Field("relative_id_number", "亲属身份证号", .idNumber, key: true),
        Field("relative_name", "亲属姓名"),
        Field("relation", "关系", .enumeration(relations), required: true),
    ])

    public static let households = Dataset(name: "households", nameZh: "户籍", scope: .column("village_code"), fields: [
        Field("household_id", "户号", key: true, maxLength: Field.codeMaxLength),
        Field("id_number", "身份证号", .idNumber, key: true),
        Field("name", "姓名"),
        Field("relation_to_head", "与户主关系"),
        Field("village_code", "村社区编码", maxLength: Field.codeMaxLength),
    ])

    public static let companies = Dataset(name: "companies", nameZh: "企业", scope: .shared, fields: [
        Field("uscc", "统一社会信用代码", .uscc, key: true),
        Field("name", "企业名称", required: true),
        Field("legal_rep_id_number", "法定代表人身份证号", .idNumber),
        Field("legal_rep_name", "法定代表人"),
        Field("established", "成立日期", .date),
        Field("address", "住所"),
        Field("phone", "联系电话"),
        Field("status", "登记状态", .enumeration(companyStatuses)),
        Field("status_date", "状态日期", .date),
    ])

    /// One of `holder_id_number` / `holder_uscc` is required; the key uses whichever is given.
    public static let companyRoles = Dataset(name: "company_roles", nameZh: "股东及主要人员", scope: .shared, fields: [
        Field("uscc", "统一社会信用代码", .uscc, key: true),
        Field("holder_id_number", "自然人身份证号", .idNumber, key: true),
        Field("holder_uscc", "法人股东代码", .uscc, key: true),
        Field("holder_name", "名称"),
        Field("role", "角色", .enumeration(companyRoleKinds), key: true),
        Field("share_pct", "持股比例", .decimal),
    ])

    /// The registry datasets in dependency order (units before the people who belong to them).
    public static let all: [Dataset] = [units, people, relatives, households, companies, companyRoles]

    public static func dataset(named name: String) -> Dataset? {
        all.first { $0.name == name || $0.pathSegment == name }
    }
}

extension Dataset {
    /// Key columns that may be empty because an alternative column carries the key
    /// (`company_roles`: a natural-person holder *or* a corporate holder).
    public var alternativeKeyGroups: [[String]] {
        name == "company_roles" ? [["holder_id_number", "holder_uscc"]] : []
    }

    /// Key columns that may be empty on their own (`budgets.project_code`: only `project`
    /// lines name a project).
    public var optionalKeyFields: Set<String> {
        name == "budgets" ? ["project_code"] : []
    }

    /// Whether `field` must have a value in every row.
    public func mustHaveValue(_ field: Field) -> Bool {
        guard field.isRequired, !optionalKeyFields.contains(field.name) else { return false }
        return !alternativeKeyGroups.contains { $0.contains(field.name) }
    }
}
