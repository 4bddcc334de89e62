import Foundation
import SunlightStorage
import Testing

/// Issue 19, finding 6: a scan started from the web ran its rules on one of the cooperative
/// pool's threads (two on the county's server), so a couple of scans left no thread for any
/// other request. `BackgroundWork` runs such work on threads of its own.
@Suite("Background work keeps the cooperative pool free")
struct BackgroundWorkTests {
    @Test func resultsComeBackInOrderFromEveryThread() async {
        let squares = await BackgroundWork.map(count: 1000, width: 4) { $0 * $0 }
        #expect(squares == (0..<1000).map { $0 * $0 })
        #expect(await BackgroundWork.map(count: 0) { $0 }.isEmpty)
    }

    /// More blocking jobs at once than the pool has threads: while they block, a task on the
    /// pool still runs at once. (Blocking inside an async function — what the scan did — would
    /// hold every pool thread for the whole 600 ms.)
    @Test func blockingWorkLeavesThePoolFree() async throws {
        let jobs = ProcessInfo.processInfo.activeProcessorCount + 2
        let clock = ContinuousClock()
        let started = clock.now
        async let blocked: [[Int]] = withTaskGroup(of: [Int].self) { group in
            for _ in 0..<jobs {
                group.addTask { await BackgroundWork.map(count: 1, width: 1) { i in Thread.sleep(forTimeInterval: 0.6); return i } }
            }
            var all: [[Int]] = []
            for await result in group { all.append(result) }
            return all
        }
        try await Task.sleep(for: .milliseconds(100))
        // A small piece of work on the pool, timed from the outside.
        let before = clock.now
        let answered = await Task.detached { clock.now }.value
        let latency = answered - before
        let finished = await blocked
        #expect(finished.count == jobs)
        #expect(clock.now - started >= .milliseconds(600))
        #expect(latency < .milliseconds(200), "a pool task waited \(latency)")
    }
}
