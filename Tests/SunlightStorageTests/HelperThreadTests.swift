import Foundation
@testable import SunlightStorage
import Testing

@Suite("Helper threads")
struct HelperThreadTests {
    /// The ledger's hashing thread runs its jobs in order, a few nice steps below the writer.
    @Test func jobsRunInOrderAtALowerPriority() async throws {
        let helper = HelperThread(name: "sunlight.test.helper")
        let seen = LockedValue<[Int]>([])
        let nice = LockedValue<Int32?>(nil)
        let done = DispatchSemaphore(value: 0)
        for job in 0..<100 { helper.async { seen.mutate { $0.append(job) } } }
        helper.async {
            nice.mutate { $0 = ThreadPriority.currentNice() }
            done.signal()
        }
        done.wait()
        #expect(seen.value == Array(0..<100))
        #if os(Linux)
        let mine = try #require(ThreadPriority.currentNice())
        #expect(nice.value == min(19, mine + ThreadPriority.helperSteps))
        #endif
    }
}

/// A value shared between threads behind a lock.
final class LockedValue<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func mutate(_ change: (inout T) -> Void) { lock.withLock { change(&stored) } }
}
