/// How often something kept aside must be looked at again — here, held clues (暂存待查 线索
/// "定期清理"). The law gives no period, so the shipped value is ❓ and configurable.
public struct ReviewInterval: Sendable, Codable, Equatable {
    public var amount: Int
    public var unit: DeadlineUnit
    public var status: SourceStatus

    public init(amount: Int, unit: DeadlineUnit, status: SourceStatus) {
        self.amount = amount
        self.unit = unit
        self.status = status
    }
}
