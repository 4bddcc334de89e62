import Foundation

/// Counts failed sign-ins per username and per client, and refuses further attempts for a
/// while once the limit is reached. Kept in memory: a restart forgives, which is acceptable for
/// slowing down guessing; nothing about clients is ever written to disk or logs.
actor LoginThrottle {
    private let limit: Int
    private let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    func isBlocked(_ keys: [String], now: Date = Date()) -> Bool {
        keys.contains { key in
            (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }.count >= limit
        }
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        for key in keys {
            var list = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            list.append(now)
            failures[key] = list
        }
        if failures.count > 10_000 {
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
        }
    }

    func reset(_ key: String) { failures[key] = nil }
}
