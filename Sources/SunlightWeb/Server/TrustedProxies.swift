import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address range (`10.0.0.0/8`, `::1`, `192.168.1.7`) for `--trusted-proxy`.
public struct IPRange: Sendable, Equatable, CustomStringConvertible {
    /// The address as 16 bytes (IPv4 as an IPv4-mapped IPv6 address, so one comparison serves both).
    let bytes: [UInt8]
    /// Leading bits that must match, out of 128.
    let prefixBits: Int
    public let description: String

    /// Parses `address` or `address/bits`; nil if it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let (bytes, isV4) = Self.parse(String(parts[0])) else { return nil }
        var bits = isV4 ? 32 : 128
        if parts.count == 2 {
            guard let given = Int(parts[1]), given >= 0, given <= bits else { return nil }
            bits = given
        }
        self.bytes = bytes
        self.prefixBits = isV4 ? 96 + bits : bits
        self.description = text
    }

    /// Whether `address` (textual IPv4 or IPv6) lies in the range.
    public func contains(_ address: String) -> Bool {
        guard let (other, _) = Self.parse(address) else { return false }
        var remaining = prefixBits
        for index in 0..<16 where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if bytes[index] & mask != other[index] & mask { return false }
            remaining -= 8
        }
        return true
    }

    /// 16 bytes for an IPv4 or IPv6 address (a zone such as `%eth0` is dropped), and whether it was IPv4.
    static func parse(_ text: String) -> ([UInt8], Bool)? {
        let text = String(text.split(separator: "%", maxSplits: 1).first ?? "")
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            let raw = withUnsafeBytes(of: &v4) { Array($0) }
            return ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + raw, true)
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return (withUnsafeBytes(of: &v6) { Array($0) }, false)
        }
        return nil
    }
}

/// Who the client is, and whether the request came over HTTPS, when a reverse proxy may stand
/// in between.
///
/// `X-Forwarded-For` and `X-Forwarded-Proto` are only believed when the peer that connected is
/// one of the configured proxies: anyone else can write those headers, and believing them would
/// let a client pick the address the sign-in throttle counts against (or, behind an untrusted
/// proxy, make every client one address).
public enum ClientAddress {
    /// The client's address: the peer's own, or — when the peer is a trusted proxy — the
    /// right-most address in `X-Forwarded-For` that is not itself a trusted proxy (entries to
    /// the left of it were written by whoever the client is, and are not to be believed).
    public static func resolve(peer: String?, forwardedFor: [String], trusted: [IPRange]) -> String? {
        guard let peer, isTrusted(peer, trusted) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() {
            guard IPRange.parse(hop) != nil else { return peer }
            if !isTrusted(hop, trusted) { return hop }
        }
        return hops.first ?? peer
    }

    /// Whether the request reached us over HTTPS: directly, or as a trusted proxy says.
    public static func isHTTPS(peer: String?, forwardedProto: String?, directScheme: String?, trusted: [IPRange]) -> Bool {
        if directScheme == "https" { return true }
        guard let peer, isTrusted(peer, trusted), let forwardedProto else { return false }
        return forwardedProto.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    static func isTrusted(_ address: String, _ trusted: [IPRange]) -> Bool {
        trusted.contains { $0.contains(address) }
    }
}
