import Crypto
import Foundation

/// Keeps the public portal usable without letting it be flooded — with nothing from outside
/// (no captcha service) and nothing about reporters kept.
///
/// * **Rate limits** per client, where a client is an HMAC of its address under a key that
///   lives only in this process's memory: the address itself is never stored, logged or
///   written anywhere, and the counters vanish on restart.
/// * **A form challenge** for browsers: a small sum in words, signed by the server with the
///   time it was issued. A submission must answer it, come at least a few seconds after the
///   form was served (bots post at once), within two hours, and only once. A hidden honeypot
///   field that people never see must stay empty.
actor PortalGuard {
    struct Limit: Sendable {
        let count: Int
        let window: TimeInterval
    }

    /// New reports per client per hour.
    static let submissions = Limit(count: 10, window: 3600)
    /// Receipt lookups per client per 15 minutes (a wrong code counts like a right one).
    static let lookups = Limit(count: 30, window: 900)

    private let key = SymmetricKey(size: .bits256)
    private var events: [String: [Date]] = [:]
    private var usedChallenges: [String: Date] = [:]
    let minimumAge: TimeInterval
    /// Multiplies every limit's count: 1 in production; `serve --demo --api-fuzzing` raises it
    /// so an API fuzzer run (`scripts/schemathesis.sh`) reaches the handlers.
    let limitScale: Int

    init(minimumAge: TimeInterval = 3, limitScale: Int = 1) {
        self.minimumAge = minimumAge
        self.limitScale = max(1, limitScale)
    }

    /// Records an attempt; false when the client is over the limit.
    func allow(_ kind: String, client: String?, limit: Limit, now: Date = Date()) -> Bool {
        let id = kind + ":" + pseudonym(client ?? "unknown")
        var list = (events[id] ?? []).filter { now.timeIntervalSince($0) < limit.window }
        guard list.count < limit.count * limitScale else {
            events[id] = list
            return false
        }
        list.append(now)
        events[id] = list
        if events.count > 50_000 { events = events.filter { $0.value.contains { now.timeIntervalSince($0) < 3600 } } }
        return true
    }

    private func pseudonym(_ client: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(client.utf8), using: key)).prefix(12).base64EncodedString()
    }

    // MARK: The form challenge

    struct Challenge: Sendable {
        let token: String
        let questionZh: String
        let questionEn: String
    }

    func challenge(now: Date = Date()) -> Challenge {
        let a = Int.random(in: 2...9), b = Int.random(in: 2...9)
        let payload = "\(Int(now.timeIntervalSince1970)).\(a).\(b).\(UUID().uuidString.prefix(8))"
        let token = payload + "." + signature(payload)
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        return Challenge(token: token, questionZh: "\(digits[a])加\(digits[b])等于几？（请填阿拉伯数字）",
                         questionEn: "What is \(a) plus \(b)? (digits)")
    }

    enum Verdict: Equatable { case ok, wrongAnswer, tooFast, expired, reused, malformed }

    func verify(token: String, answer: String, now: Date = Date()) -> Verdict {
        let parts = token.split(separator: ".").map(String.init)
        guard parts.count == 5, let issued = Double(parts[0]), let a = Int(parts[1]), let b = Int(parts[2]),
              signature(parts[0...3].joined(separator: ".")) == parts[4] else { return .malformed }
        usedChallenges = usedChallenges.filter { now.timeIntervalSince($0.value) < 7200 }
        let age = now.timeIntervalSince1970 - issued
        if age > 7200 { return .expired }
        if age < minimumAge { return .tooFast }
        if usedChallenges[token] != nil { return .reused }
        let folded = answer.unicodeScalars.map { $0.value >= 0xFF10 && $0.value <= 0xFF19 ? Character(Unicode.Scalar($0.value - 0xFEE0)!) : Character($0) }
        guard Int(String(folded).trimmingCharacters(in: .whitespaces)) == a + b else { return .wrongAnswer }
        usedChallenges[token] = now
        return .ok
    }

    private func signature(_ payload: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)).prefix(16)
            .base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
