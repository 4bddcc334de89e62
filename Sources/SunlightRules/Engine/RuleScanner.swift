import Foundation

/// Runs rules over one data set. Independent rules run concurrently (the data is an immutable
/// value shared by all), but the results are always in catalog order and each rule's findings
/// are sorted, so a scan is deterministic.
///
/// (Not named `Scanner`, which would clash with `Foundation.Scanner` in files importing both.)
public struct RuleScanner: Sendable {
    public init() {}

    public func scan(data: SupervisionData, rules: [any SupervisionRule] = RuleCatalog.all,
                     context: RuleContext) -> [RuleResult] {
        let ordered = rules.enumerated().sorted { a, b in
            let x = RuleCatalog.index(of: a.element.code) ?? Int.max
            let y = RuleCatalog.index(of: b.element.code) ?? Int.max
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        let box = ResultBox(count: ordered.count)
        DispatchQueue.concurrentPerform(iterations: ordered.count) { i in
            box.store(ordered[i].evaluate(data, context), at: i)
        }
        return box.results()
    }
}

/// `RuleScanner().scan(data:rules:context:)`.
public func scan(data: SupervisionData, rules: [any SupervisionRule] = RuleCatalog.all, context: RuleContext) -> [RuleResult] {
    RuleScanner().scan(data: data, rules: rules, context: context)
}

/// Slots written once each from concurrent iterations, under a lock.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [RuleResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: RuleResult, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func results() -> [RuleResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
