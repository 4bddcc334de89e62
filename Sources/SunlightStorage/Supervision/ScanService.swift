import Crypto
import Foundation
import SQLKit
import SunlightContract
import SunlightDomain
import SunlightRules

/// What to scan: which rules, on what date, with which parameters.
public struct ScanRequest: Sendable {
    public var asOf: LocalDate
    /// Rule codes to run; nil = the whole catalog.
    public var rules: [String]?
    public var parameters: RuleParameters
    public var calendar: WorkingDayCalendar
    /// Keep the results (a scan run and its findings); off for a dry run that only prints.
    public var save: Bool

    public init(asOf: LocalDate, rules: [String]? = nil, parameters: RuleParameters = .defaults,
                calendar: WorkingDayCalendar = .shipped, save: Bool = true) {
        self.asOf = asOf
        self.rules = rules
        self.parameters = parameters
        self.calendar = calendar
        self.save = save
    }
}

/// A finished scan: the rules' results in catalog order and what it took.
public struct ScanOutcome: Sendable {
    public var scanID: Int64?
    public var results: [RuleResult]
    /// Rule code → milliseconds spent evaluating it.
    public var milliseconds: [String: Int]
    public var loadMilliseconds: Int
    public var saveMilliseconds: Int
    public var rowCounts: [String: Int]
}

/// An unknown rule code asked for.
public struct UnknownRuleError: BilingualError {
    public let codes: [String]
    public var code: String { "rule.unknown" }
    public var messageZh: String { "没有这些规则：\(codes.joined(separator: "、"))" }
    public var messageEn: String { "no such rules: \(codes.joined(separator: ", "))" }
}

/// Runs supervision scans: load the data, evaluate the rules, keep the results.
///
/// The rules are evaluated in memory before anything is written, and the results are written
/// in one transaction: a scan interrupted midway leaves the previous run's findings intact.
public struct ScanService: Sendable {
    public let recorder: Recorder

    public init(recorder: Recorder) { self.recorder = recorder }

    public static func rules(for codes: [String]?) throws -> [any SupervisionRule] {
        guard let codes else { return RuleCatalog.all }
        let unknown = codes.filter { RuleCatalog.rule(code: $0) == nil }
        guard unknown.isEmpty else { throw UnknownRuleError(codes: unknown) }
        return codes.compactMap(RuleCatalog.rule(code:))
    }

    public func run(_ request: ScanRequest, by principal: Principal) async throws -> ScanOutcome {
        let rules = try Self.rules(for: request.rules)
        // One scan at a time per database: a scan holds two connections while it loads and the
        // machine's cores while it evaluates; a second one at once would only slow both and
        // starve other requests of connections (three at once kept `/healthz` waiting seconds).
        let key = "\(recorder.database.location)"
        guard Self.running.enter(key) else { throw ScanInProgressError() }
        defer { Self.running.leave(key) }
        let started = Timestamps.now()
        let clock = ContinuousClock()
        let loadStart = clock.now
        let loaded = try await SupervisionLoader(database: recorder.database).load()
        let loadMilliseconds = Self.milliseconds(clock.now - loadStart)
        let context = RuleContext(asOf: request.asOf, calendar: request.calendar, parameters: request.parameters)
        let (results, timings) = await Self.evaluate(rules, on: loaded.data, context: context)
        var outcome = ScanOutcome(scanID: nil, results: results, milliseconds: timings, loadMilliseconds: loadMilliseconds,
                                  saveMilliseconds: 0, rowCounts: loaded.rowCounts)
        guard request.save else { return outcome }
        let saveStart = clock.now
        outcome.scanID = try await recorder.write(by: principal) { tx in
            try await ScanStore.save(results: results, rules: rules, timings: timings, loaded: loaded, request: request,
                                     started: started, tx: tx)
        }
        outcome.saveMilliseconds = Self.milliseconds(clock.now - saveStart)
        return outcome
    }

    /// Evaluates the rules concurrently (the data is an immutable value they share), timing
    /// each; results come back in the order given. The work runs off the cooperative pool, at a
    /// helper's priority (`BackgroundWork`): a scan started from the web must not hold up the
    /// server's other requests.
    static func evaluate(_ rules: [any SupervisionRule], on data: SupervisionData,
                         context: RuleContext) async -> ([RuleResult], [String: Int]) {
        let outcomes = await BackgroundWork.map(count: rules.count) { index -> (RuleResult, Int) in
            let clock = ContinuousClock()
            let start = clock.now
            let result = rules[index].evaluate(data, context)
            return (result, milliseconds(clock.now - start))
        }
        var timings: [String: Int] = [:]
        for (rule, outcome) in zip(rules, outcomes) { timings[rule.code] = outcome.1 }
        return (outcomes.map(\.0), timings)
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

extension ScanService {
    /// The databases a scan is running on in this process (`run` enters and leaves).
    static let running = ExclusiveKeys()
}

/// Keys at most one caller holds at a time; entering a held key fails rather than waits.
final class ExclusiveKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var held: Set<String> = []

    func enter(_ key: String) -> Bool { lock.withLock { held.insert(key).inserted } }
    func leave(_ key: String) { _ = lock.withLock { held.remove(key) } }
}

/// A scan was asked for while another was running.
public struct ScanInProgressError: BilingualError, Equatable {
    public init() {}
    public var code: String { "scan.in_progress" }
    public var kind: ErrorKind { .conflict }
    public var messageZh: String { "已有一次扫描正在进行，请在它完成后再试" }
    public var messageEn: String { "a scan is already running; try again when it has finished" }
}
