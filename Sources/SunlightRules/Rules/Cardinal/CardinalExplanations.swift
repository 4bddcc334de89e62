import SunlightProcurement

/// The plain-language paragraph each Cardinal indicator shows on a finding's page. The
/// definitions are Cardinal 0.0.8's (docs/cli/indicators); the fences are Q1 − 1.5·IQR and
/// Q3 + 1.5·IQR of Hyndman–Fan type-8 quartiles over all processes or organisations.
enum CardinalExplanations {
    static func zh(_ code: IndicatorCode) -> String {
        switch code {
        case .r003: return "投标期（tenderPeriod 起止）短于设定天数（默认 15 天）。投标期过短使潜在投标人来不及准备，可能是为事先内定的供应商排除竞争。"
        case .r018: return "公开或选择性招标仅收到一份投标（numberOfTenderers = 1）。竞争性程序只有一家投标，可能是招标条件排斥了其他供应商。"
        case .r024: return "次低有效报价与中标报价之比不高于所有流程该比值的下界（Q1 − 1.5·IQR），即两者异常接近。陪标者常以略高于中标人的价格投标，以制造竞争的假象。"
        case .r025: return "投标人中标次数与投标次数之比不高于下界、且投标次数不少于第 75 百分位：长期投标却很少中标，可能是“陪标专业户”。"
        case .r028: return "同一采购流程中不同投标人的报价完全相同。独立编制的报价几乎不会相同，相同报价常见于串通投标。"
        case .r030: return "投标在投标截止时间之后递交，却成为中标投标。逾期投标应被拒收。"
        case .r035: return "除中标人外的其他投标全部被否决（取消资格）。只留下一家合格投标，可能是以资格审查排除竞争者。"
        case .r036: return "报价最低的投标被否决。否决最低价投标而授予高价投标，需要核实否决理由是否成立。"
        case .r038: return "采购人、代理机构或投标人名下被否决投标所占比例不低于上界（Q3 + 1.5·IQR），明显高于同类。"
        case .r048: return "供应商中标项目的品目分类（按分类编码前若干位）种类数不低于上界：经营范围异常宽泛，可能是借用资质或转包的中间商。"
        case .r058: return "中标价与次低价之间的折让比例不低于上界（Q3 + 1.5·IQR）：中标价大幅低于其他投标，可能是低价中标后再追加投资。"
        }
    }

    static func en(_ code: IndicatorCode) -> String {
        switch code {
        case .r003: return "The tender period (tenderPeriod start to end) is shorter than the threshold (15 days by default). Too short a period leaves bidders no time to prepare and may keep competition out for a chosen supplier."
        case .r018: return "An open or selective procedure received a single bid (numberOfTenderers = 1). A competitive procedure with one bidder may mean the conditions kept others out."
        case .r024: return "The second-lowest valid bid is unusually close to the winning bid: their ratio is at or below the lower fence (Q1 − 1.5·IQR) over all processes. Cover bidders often bid just above the winner to fake competition."
        case .r025: return "A tenderer's ratio of wins to bids is at or below the lower fence while its number of bids is at least the 75th percentile: it bids often and rarely wins, the pattern of a cover bidder."
        case .r028: return "Different tenderers in one process bid exactly the same price. Independently prepared prices are almost never identical; identical prices are a classic sign of collusion."
        case .r030: return "A bid submitted after the tender period's end won. Late bids should be rejected."
        case .r035: return "All bids except the winner's were disqualified. Leaving a single qualified bid may be a way of excluding competitors at the qualification stage."
        case .r036: return "The lowest bid was disqualified. Rejecting the cheapest bid and awarding a dearer one needs a sound reason."
        case .r038: return "The share of disqualified bids of a buyer, procuring entity or tenderer is at or above the upper fence (Q3 + 1.5·IQR): far above its peers."
        case .r048: return "The number of distinct item classes (by classification prefix) a supplier is awarded is at or above the upper fence: an unusually wide range, typical of intermediaries lending qualifications or subcontracting."
        case .r058: return "The discount of the winning bid against the second-lowest is at or above the upper fence (Q3 + 1.5·IQR): a winning bid far below the others may be followed by cost increases."
        }
    }
}
