import Foundation

/// Slows password guessing without letting anyone lock anyone else out.
///
/// The earlier throttle refused every attempt for 15 minutes once a username or an address had
/// five failures, so anyone could lock out a named administrator by typing wrong passwords, and
/// behind a proxy (one address for everyone) lock out everyone. This one:
///
/// * counts failures per *(account, address)* pair and per *account*. After `free` failures
///   each further one doubles the wait before the next attempt is even checked: `base`, 2·`base`,
///   4·`base`…, capped at `pairCap` for a pair and at the much shorter `accountCap` for an
///   account (anyone on the internet can cause the account-wide wait, so it must stay short);
/// * never counts against an *address* as a whole: a correct password for another account from
///   the same address (an office behind one NAT, or a proxy) is always checked and accepted;
/// * lets an attempt from an address that has no failures of its own for the account skip the
///   account-wide wait. The owner signing in from their own machine is therefore never held
///   back by someone else's guessing, while a guesser who spreads over many addresses still
///   pays the account-wide wait from each address's second try on, and the pair wait from its
///   `free + 1`-th;
/// * but only while the guessing is not spread wide: once an account has `spread` failures
///   inside the window (far more than one person mistyping), the exemption ends and every
///   address pays the account-wide wait — otherwise a guesser with many addresses (a botnet, an
///   IPv6 prefix) would get one free guess per address. The owner then waits at most
///   `accountCap` (a minute by default), never longer;
/// * treats an IPv6 address by its /64 prefix (one subscriber's block), so a single host cannot
///   mint fresh "addresses" for free;
/// * answers an attempt made during a wait with "wait N seconds" without checking the password
///   *and without counting it*: hammering does not lengthen the wait, and a correct password
///   succeeds as soon as the wait is over. So no one can impose a lockout longer than the
///   caps, and no wait is ever imposed on an account from an address that did not fail on it;
/// * forgets a pair or account `window` seconds after its last failure, and keeps at most
///   `capacity` entries (the oldest are dropped first), so memory stays bounded whatever
///   usernames and addresses an attacker invents.
///
/// Kept in memory only: a restart forgives, which is acceptable for slowing guessing; nothing
/// about clients is ever written to disk or logs.
actor LoginThrottle {
    struct Policy: Sendable {
        var free: Int = 5
        var base: TimeInterval = 1
        var pairCap: TimeInterval = 900
        var accountCap: TimeInterval = 60
        var window: TimeInterval = 3600
        var capacity: Int = 10_000
        var spread: Int = 50
    }

    enum Decision: Equatable, Sendable {
        case allowed
        /// Seconds until the next attempt is checked (rounded up, at least 1).
        case wait(seconds: Int)
    }

    private struct Entry {
        var failures: Int
        var last: Date
    }

    let policy: Policy
    private var entries: [String: Entry] = [:]

    init(policy: Policy) {
        self.policy = policy
    }

    init(configuration: WebConfiguration) {
        self.init(policy: Policy(free: configuration.loginAttemptsAllowed, base: configuration.loginBaseDelaySeconds,
                                 pairCap: configuration.loginMaxDelaySeconds, accountCap: configuration.loginAccountMaxDelaySeconds,
                                 window: configuration.loginWindowSeconds, capacity: configuration.loginThrottleCapacity))
    }

    /// Whether an attempt to sign in to `account` from `address` may be checked now.
    func check(account: String, address: String?, now: Date = Date()) -> Decision {
        let pair = live(Self.pairKey(account, address), now)
        if let pair, let wait = remaining(pair, cap: policy.pairCap, now: now) { return .wait(seconds: wait) }
        // An address that never failed on this account is not held back by others' failures —
        // unless the failures are so many that they come from a guesser spread over addresses.
        guard let whole = live(Self.accountKey(account), now), pair != nil || whole.failures >= policy.spread else { return .allowed }
        if let wait = remaining(whole, cap: policy.accountCap, now: now) { return .wait(seconds: wait) }
        return .allowed
    }

    func recordFailure(account: String, address: String?, now: Date = Date()) {
        for key in [Self.pairKey(account, address), Self.accountKey(account)] {
            var entry = live(key, now) ?? Entry(failures: 0, last: now)
            entry.failures += 1
            entry.last = now
            entries[key] = entry
        }
        if entries.count > policy.capacity { evict(now) }
    }

    /// A correct password clears its pair (the account-wide count stays: it is someone else's guessing).
    func recordSuccess(account: String, address: String?) {
        entries[Self.pairKey(account, address)] = nil
    }

    /// Entries held, for tests of the memory bound.
    var count: Int { entries.count }

    // MARK: -

    private static func pairKey(_ account: String, _ address: String?) -> String {
        "p\u{0}\(account)\u{0}\(address.map(clientKey) ?? "-")"
    }

    /// An IPv4 address as is; an IPv6 address by its first four groups (the /64 a subscriber
    /// gets), expanded so that "2001:db8::1" and "2001:db8:0:0::2" are one client.
    static func clientKey(_ address: String) -> String {
        guard address.contains(":") else { return address }
        var text = address.lowercased()
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }   // zone id
        if text.hasPrefix("::ffff:"), text.contains(".") { return String(text.dropFirst(7)) }   // IPv4-mapped
        let halves = text.components(separatedBy: "::")
        let head = halves[0].isEmpty ? [] : halves[0].split(separator: ":").map(String.init)
        let tail = halves.count > 1 && !halves[1].isEmpty ? halves[1].split(separator: ":").map(String.init) : []
        let groups = head + Array(repeating: "0", count: max(0, 8 - head.count - tail.count)) + tail
        return groups.prefix(4).map { String(Int($0, radix: 16) ?? 0, radix: 16) }.joined(separator: ":") + "::/64"
    }
    private static func accountKey(_ account: String) -> String { "a\u{0}\(account)" }

    private func live(_ key: String, _ now: Date) -> Entry? {
        guard let entry = entries[key], now.timeIntervalSince(entry.last) < policy.window else { return nil }
        return entry
    }

    /// The wait an entry still imposes, in whole seconds, or nil if none.
    private func remaining(_ entry: Entry, cap: TimeInterval, now: Date) -> Int? {
        guard entry.failures >= policy.free else { return nil }
        let exponent = min(entry.failures - policy.free, 40)
        let delay = min(policy.base * pow(2, Double(exponent)), cap)
        let left = entry.last.addingTimeInterval(delay).timeIntervalSince(now)
        return left > 0 ? max(1, Int(left.rounded(.up))) : nil
    }

    /// Drops forgotten entries, then the oldest, down to 90 % of the capacity (so eviction runs
    /// once per tenth of the capacity, not on every failure).
    private func evict(_ now: Date) {
        entries = entries.filter { now.timeIntervalSince($0.value.last) < policy.window }
        let target = policy.capacity * 9 / 10
        guard entries.count > target else { return }
        let oldest = entries.sorted { $0.value.last < $1.value.last }.prefix(entries.count - target)
        for (key, _) in oldest { entries[key] = nil }
    }
}
