/// Why the indicators could not be computed at all.
public struct IndicatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `indicators.mixed_currencies`.
    public let code: String
    /// For `mixed_currencies`: the currencies found, sorted.
    public let currencies: [String]
    public let messageZh: String
    public let messageEn: String

    /// Several currencies among the bids the price indicators compare, and no `currency` setting
    /// to choose one. Cardinal silently takes the first one it sees (so the result depends on the
    /// order of the file, and on thread scheduling) and drops the rest; Sunlight asks.
    static func mixedCurrencies(_ currencies: [String]) -> IndicatorError {
        let list = currencies.joined(separator: ", ")
        return IndicatorError(
            code: "indicators.mixed_currencies", currencies: currencies,
            messageZh: "投标报价使用了多种币种（\(list)），价格类指标（R024、R036、R058）无法比较。请在设置文件开头写明 currency = 币种代码（如 currency = CNY），其他币种的投标将被排除并计数。",
            messageEn: "bids are in several currencies (\(list)), so the price indicators (R024, R036, R058) cannot compare them. Set currency = CODE at the top of the settings file (e.g. currency = CNY); bids in other currencies are then excluded and counted.")
    }

    public var description: String { messageEn }
}
