import Foundation
import SunlightContract
import SunlightDomain

/// Renders a finding's evidence as HTML: objects as definition lists, arrays of objects as
/// tables, identifiers as links to the records they name.
enum EvidenceHTML {
    /// `networkLinks`: whether bidders and buyers also link to their network pages; only for
    /// readers of `tenders` and `bids` (anyone else would follow the link into a 403).
    static func render(_ tree: EvidenceTree, language: Language, networkLinks: Bool) -> String {
        var html = ""
        write(tree, into: &html, language: language, networks: networkLinks, depth: 0)
        return html
    }

    private static func write(_ tree: EvidenceTree, into html: inout String, language: Language, networks: Bool, depth: Int,
                              key: String? = nil) {
        switch tree {
        case .object(let members):
            html += "<dl class=\"evidence\">"
            for member in members {
                html += "<dt>\(HTML.escape(label(member.key, language)))</dt><dd>"
                write(member.value, into: &html, language: language, networks: networks, depth: depth + 1, key: member.key)
                html += "</dd>"
            }
            html += "</dl>"
        case .array(let items):
            if items.isEmpty { html += "—"; return }
            if items.allSatisfy({ if case .object = $0 { return true } else { return false } }) {
                var columns: [String] = []
                for item in items {
                    if case .object(let members) = item {
                        for member in members where !columns.contains(member.key) { columns.append(member.key) }
                    }
                }
                html += "<div class=\"tablewrap\"><table><thead><tr>"
                for column in columns { html += "<th scope=\"col\">\(HTML.escape(label(column, language)))</th>" }
                html += "</tr></thead><tbody>"
                for item in items {
                    html += "<tr>"
                    for column in columns {
                        html += "<td>"
                        if let value = item[column] {
                            write(value, into: &html, language: language, networks: networks, depth: depth + 1, key: column)
                        }
                        html += "</td>"
                    }
                    html += "</tr>"
                }
                html += "</tbody></table></div>"
            } else {
                html += items.map { item -> String in
                    var part = ""
                    write(item, into: &part, language: language, networks: networks, depth: depth + 1, key: key)
                    return part
                }.joined(separator: "、")
            }
        case .string(let text), .number(let text):
            html += link(text, key: key) ?? HTML.escape(text)
            if networks, let network = networkLink(text, key: key, language: language) { html += network }
        case .bool(let value):
            html += value ? (language == .zh ? "是" : "yes") : (language == .zh ? "否" : "no")
        case .null:
            html += "—"
        }
    }

    /// A link to the registry page that finds the record an identifier names.
    static func link(_ value: String, key: String?) -> String? {
        guard let key, !value.isEmpty else { return nil }
        let target: String?
        switch key {
        case _ where key.hasSuffix("id_number") || key == "official" || key == "relative":
            target = value.count == 18 ? "people" : nil
        case "uscc", "payee_uscc", "company", "winner_uscc", "bidder_uscc":
            target = "companies"
        case "payee", "payee_code":
            // A payee code is a USCC or a resident ID; which one, the check character tells.
            target = value.count == 18 ? ((try? USCC.parse(value)) != nil ? "companies" : "people") : nil
        case "unit_code", "village_code", "buyer_unit_code":
            target = "units"
        case "project_code": target = "projects"
        case "case_no": target = "service-cases"
        case "voucher_no": target = "payments"
        case "tender_id": target = "tenders"
        default: target = nil
        }
        guard let target else { return nil }
        let query = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
        return "<a href=\"/registry/\(target)?q=\(query)\">\(HTML.escape(value))</a>"
    }

    /// Bidders and buyers of procurement findings also link to their network pages.
    static func networkLink(_ value: String, key: String?, language: Language) -> String? {
        guard !value.isEmpty else { return nil }
        let path: String
        switch key {
        case "bidder_uscc", "winner_uscc": path = NetworkPages.companyPath(value)
        case "buyer_unit_code": path = NetworkPages.buyerPath(value)
        default: return nil
        }
        return " <a class=\"muted\" href=\"\(path)\">[\(Strings.text("proc_network", language))]</a>"
    }

    /// The column's Chinese alias from the contract, else a few words of the rules' own.
    static func label(_ key: String, _ language: Language) -> String {
        if language == .en { return key.replacingOccurrences(of: "_", with: " ") }
        if let zh = extra[key] { return zh }
        for dataset in Contract.datasets {
            if let field = dataset.field(named: key) { return field.aliasZh }
        }
        return key
    }

    static let extra: [String: String] = [
        "name": "名称", "total": "合计", "count": "笔数", "periods": "发放期间明细", "period_count": "期数", "payments": "支付明细",
        "payee": "收款方标识", "first_date": "首笔日期", "last_date": "末笔日期", "threshold": "限额", "window_days": "时间窗（天）",
        "grace_months": "宽限月数", "reason": "原因", "members": "成员", "people": "人员", "accounts": "账户", "programs": "项目",
        "official": "公职人员", "relative": "亲属", "link": "关联方式", "links": "关联方式", "vouchers": "凭证", "year": "年度",
        "previous_year": "上年", "previous_total": "上年合计", "budget": "预算", "spent": "支出", "tolerance": "容差",
        "missing": "缺号", "first_missing": "首个缺号", "last_missing": "末个缺号", "prefix": "前缀", "mad": "平均绝对偏差",
        "working_days": "工作日", "age": "年龄", "min_age": "最低年龄", "vehicles": "车辆", "companies": "企业",
        "household_members": "家庭成员", "cadre": "村干部", "days": "天数", "ratio": "比例",
        // Procurement: the bid.* signals and Cardinal's indicators.
        "active_on": "在职日期", "active_on_source": "在职日期依据", "awards": "授标", "bid_count": "投标数", "bidder_count": "投标人数",
        "bidders": "投标人", "bids": "投标", "buyer": "采购人", "buyer_count": "采购人数", "buyer_id": "采购人标识", "counted": "计入",
        "date": "日期", "deadline_date": "截止日期", "field": "相同字段", "flagged_tenderers": "涉及投标人", "gap": "差额",
        "gap_tolerance": "差额容差", "group": "对象类别", "holder_relation_to_official": "与公职人员关系", "id": "标识", "identical": "相同报价",
        "lowest_ratio": "最低比例", "mean_gap": "平均差额", "mean_step": "平均增幅", "meta": "四分位数与界限", "min_bids": "最少投标数",
        "min_gap_tolerance": "最小差额容差", "minimum": "最低要求", "minimum_days": "最少天数", "ocid": "OCDS 流程编号",
        "ocids": "OCDS 流程", "official_category": "公职人员类别", "official_since": "任职起", "official_until": "任职止",
        "processes": "采购流程数", "procurement_method": "采购方式", "procurement_method_details": "采购方式明细", "progression": "数列类型",
        "rate": "比率", "ratio_to_ceiling": "与最高限价之比", "roles": "职务", "shared": "共用值", "step": "增幅",
        "step_tolerance": "增幅容差", "suppliers": "供应商", "tender_count": "招标项目数", "tender_period_end": "投标截止",
        "tender_period_start": "投标开始", "tender_value": "招标金额", "tenderers": "投标人", "tenders": "招标项目", "value": "指标值",
        "win_count": "中标次数", "win_rate": "中标率", "winner_count": "中标人数", "winner_in_set": "中标人在组内",
        "winner_name": "中标人名称", "winners_outside_set": "组外中标人", "won": "中标",
    ]
}
