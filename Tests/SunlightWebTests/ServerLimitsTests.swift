import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SunlightStorage
import SunlightTestSupport
@testable import SunlightWeb
import Testing
#if canImport(Glibc)
import Glibc
private let systemConnect = Glibc.connect
private let systemSend = Glibc.send
private let streamSocket = Int32(SOCK_STREAM.rawValue)
private let noSignal = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
import Darwin
private let systemConnect = Darwin.connect
private let systemSend = Darwin.send
private let streamSocket = SOCK_STREAM
private let noSignal: Int32 = 0
#endif

/// Tests against a real listening server on loopback: the connection limits, and what depends
/// on the connecting peer (trusted proxies, the sign-in throttle per address, `/metrics`).
@Suite("Server limits over loopback", .serialized)
struct ServerLimitsTests {
    static let loopbackProxies = [IPRange("127.0.0.1")!, IPRange("::1")!]

    /// Runs `body` against a live server built with `change` applied to the test configuration.
    static func live(_ change: @escaping (inout WebConfiguration) -> Void,
                     _ body: @Sendable (TestDatabase, any TestClientProtocol, Int) async throws -> Void) async throws {
        let seeded = try await WebFixture.make()
        let configuration = AccountSecurityWebTests.configuration(seeded.test, change)
        let router = try await SunlightApplication.router(ledger: seeded.test.ledger, configuration: configuration)
        let fixture = WebFixture(test: seeded.test, router: router, tokens: seeded.tokens)
        let app = SunlightApplication.application(router: router, configuration: configuration)
        do {
            let test = fixture.test
            try await app.test(.live) { client in try await body(test, client, client.port!) }
            await fixture.test.close()
        } catch {
            await fixture.test.close()
            throw error
        }
    }

    // MARK: 3. Half-sent requests cannot starve the server

    /// Runs the server as `serve` does (HummingbirdTesting's live mode drops the connection
    /// cap), on an ephemeral loopback port, for `body`.
    static func serving(_ change: @escaping (inout WebConfiguration) -> Void, _ body: @Sendable (Int) async throws -> Void) async throws {
        let seeded = try await WebFixture.make(seed: false)
        var configuration = AccountSecurityWebTests.configuration(seeded.test, change)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let router = try await SunlightApplication.router(ledger: seeded.test.ledger, configuration: configuration)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = SunlightApplication.application(router: router, configuration: configuration) { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
        }
        let server = Task { try await app.runService() }
        do {
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            try await body(port)
            server.cancel()
            _ = await server.result
            await seeded.test.close()
        } catch {
            server.cancel()
            _ = await server.result
            await seeded.test.close()
            throw error
        }
    }

    @Test func halfSentConnectionsDoNotMakeTheServerUnreachable() async throws {
        try await Self.serving({ $0.idleTimeoutSeconds = 1; $0.maxConnections = 16 }) { port in
            // Far more half-sent requests than the server takes at once.
            var hoarders: [Int32] = []
            defer { for socket in hoarders { close(socket) } }
            for _ in 0..<48 {
                let socket = try RawSocket.connect(port: port)
                hoarders.append(socket)
                RawSocket.send(socket, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            }
            let started = ContinuousClock.now
            let socket = try RawSocket.connect(port: port)
            defer { close(socket) }
            RawSocket.send(socket, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            let answer = RawSocket.readAll(socket, timeoutSeconds: 30)
            #expect(answer.text.hasPrefix("HTTP/1.1 200"), "\(answer.text.prefix(80))")
            #expect(ContinuousClock.now - started < .seconds(25))
            // The server itself closed the half-sent connections (end of stream, not our timeout).
            let first = RawSocket.readAll(hoarders[0], timeoutSeconds: 10)
            #expect(first.closedByPeer, "\(first.text.prefix(80))")
        }
    }

    // MARK: 2. Throttle per account and address, through a trusted proxy

    @Test func throttleByForwardedAddressNeverLocksOutOthers() async throws {
        try await Self.live({
            $0.trustedProxies = Self.loopbackProxies
            // Long enough that a loaded machine cannot outlast it mid-test; that a correct
            // password succeeds once the wait is over is checked with a clock in
            // `AccountSecurityWebTests.throttleDelaysProgressivelyAndNeverLocksOutOthers`.
            $0.loginBaseDelaySeconds = 60
            $0.loginAccountMaxDelaySeconds = 60
            $0.loginAttemptsAllowed = 3
        }) { test, client, _ in
            let attacker = "203.0.113.9"
            for _ in 0..<3 {
                #expect(try await LoginClient.signIn(client, "admin", "wrong-password-0", from: attacker).status == .unauthorized)
            }
            // The attacker's address must wait before admin's password is checked again (60 s
            // after the third failure); tries meanwhile are neither checked nor counted…
            #expect(try await LoginClient.signIn(client, "admin", "wrong-password-0", from: attacker).status == .tooManyRequests)
            let held = try await LoginClient.signIn(client, "admin", "password-1234", from: attacker)
            #expect(held.status == .tooManyRequests && held.headers[.retryAfter] != nil)
            #expect(try await AccountSecurityWebTests.sessions(test, username: "admin") == 0)
            // …but another account from the same address signs in at once,
            let colleague = try await LoginClient.signIn(client, "inspector", "password-1234", from: attacker)
            #expect(colleague.status == .seeOther)
            #expect(try await AccountSecurityWebTests.sessions(test, username: "inspector") == 1)
            // and so does admin from their own address.
            let owner = try await LoginClient.signIn(client, "admin", "password-1234", from: "198.51.100.7")
            #expect(owner.status == .seeOther)
            #expect(try await AccountSecurityWebTests.sessions(test, username: "admin") == 1)
            // Still held from the attacker's address, and nothing was created for it.
            #expect(try await LoginClient.signIn(client, "admin", "password-1234", from: attacker).status == .tooManyRequests)
            #expect(try await AccountSecurityWebTests.sessions(test, username: "admin") == 1)
        }
    }

    @Test func forwardedHeadersFromUntrustedPeersAreIgnored() async throws {
        try await Self.live({ $0.loginBaseDelaySeconds = 30; $0.loginAttemptsAllowed = 2 }) { _, client, _ in
            // No trusted proxy: a client cannot escape its throttle by inventing addresses.
            for index in 0..<3 {
                _ = try await LoginClient.signIn(client, "admin", "wrong-password-0", from: "192.0.2.\(index)")
            }
            let invented = try await LoginClient.signIn(client, "admin", "password-1234", from: "192.0.2.200")
            #expect(invented.status == .tooManyRequests)
            // Nor switch HSTS on with X-Forwarded-Proto.
            let page = try await client.execute(uri: "/login", method: .get, headers: [SessionMiddleware.forwardedProto: "https"])
            #expect(page.headers[.strictTransportSecurity] == nil)
        }
    }

    // MARK: 7. HSTS from a trusted proxy; 4. /metrics on loopback

    @Test func trustedProxyHTTPSAndLoopbackMetrics() async throws {
        try await Self.live({ $0.trustedProxies = Self.loopbackProxies }) { _, client, _ in
            let secure = try await client.execute(uri: "/login", method: .get, headers: [SessionMiddleware.forwardedProto: "https"])
            #expect(secure.headers[.strictTransportSecurity] == "max-age=31536000")
            let plain = try await client.execute(uri: "/login", method: .get)
            #expect(plain.headers[.strictTransportSecurity] == nil)
            // A scraper on this machine reads /metrics; a request forwarded by a proxy does not.
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .ok)
            let forwarded = try await client.execute(uri: "/metrics", method: .get, headers: [SessionMiddleware.forwardedFor: "203.0.113.9"])
            #expect(forwarded.status == .notFound)
        }
    }

    @Test func clientAddressResolution() {
        let trusted = [IPRange("10.0.0.0/8")!, IPRange("fd00::/8")!]
        #expect(ClientAddress.resolve(peer: "203.0.113.5", forwardedFor: ["1.2.3.4"], trusted: trusted) == "203.0.113.5")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["1.2.3.4"], trusted: trusted) == "1.2.3.4")
        // Left of the right-most untrusted hop is whatever the client wrote.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 1.2.3.4, 10.1.1.1"], trusted: trusted) == "1.2.3.4")
        #expect(ClientAddress.resolve(peer: "fd00::1", forwardedFor: ["2001:db8::7"], trusted: trusted) == "2001:db8::7")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: [], trusted: trusted) == "10.0.0.2")
        #expect(IPRange("192.168.1.0/24")!.contains("192.168.1.200") && !IPRange("192.168.1.0/24")!.contains("192.168.2.1"))
        #expect(IPRange("nonsense") == nil && IPRange("10.0.0.0/33") == nil)
    }
}

/// Signs in with a fresh cookie jar, as a browser behind a proxy reporting `address`.
enum LoginClient {
    static func signIn(_ client: any TestClientProtocol, _ username: String, _ password: String,
                       from address: String) async throws -> TestResponse {
        let forwarded: HTTPFields = [SessionMiddleware.forwardedFor: address]
        let page = try await client.execute(uri: "/login", method: .get, headers: forwarded)
        let cookie = page.headers[values: .setCookie].first { $0.hasPrefix("sl_csrf=") }.map { String($0.split(separator: ";")[0]) } ?? ""
        let csrf = cookie.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
        var headers = forwarded
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers[.cookie] = cookie
        let body = ["username": username, "password": password, "_csrf": csrf]
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

/// Blocking loopback sockets, for connections a well-behaved client would never make.
enum RawSocket {
    struct Failure: Error {}

    /// Connects to `port` on 127.0.0.1, or on ::1 if the server listens there.
    static func connect(port: Int) throws -> Int32 {
        for family in [AF_INET, AF_INET6] {
            let fd = socket(family, streamSocket, 0)
            guard fd >= 0 else { continue }
            var result: Int32 = -1
            if family == AF_INET {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
                result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
            } else {
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                address.sin6_port = in_port_t(UInt16(port).bigEndian)
                inet_pton(AF_INET6, "::1", &address.sin6_addr)
                result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
                }
            }
            if result == 0 { return fd }
            close(fd)
        }
        throw Failure()
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count, noSignal) }
    }

    /// Everything until the peer closes or `timeoutSeconds` pass without data, and which it was.
    static func readAll(_ fd: Int32, timeoutSeconds: Int) -> (text: String, closedByPeer: Bool) {
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var closed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 || (count < 0 && errno == ECONNRESET) { closed = true }
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return (String(decoding: data, as: UTF8.self), closed)
    }
}
