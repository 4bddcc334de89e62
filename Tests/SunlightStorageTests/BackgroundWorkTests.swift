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

    /// More blocking jobs at once than the pool has threads, each waiting for a signal that
    /// only a task on the pool can send. Had the jobs taken the pool's threads (as blocking
    /// inside an async function — what the scan did — does), the signal could never be sent and
    /// every job would time out. No clock is compared, so a busy machine cannot fail it.
    @Test func blockingJobsLeaveThePoolFreeToSignalThem() async throws {
        let jobs = 2 * ProcessInfo.processInfo.activeProcessorCount + 2
        let signal = DispatchSemaphore(value: 0)
        async let waited: [[Bool]] = withTaskGroup(of: [Bool].self) { group in
            for _ in 0..<jobs {
                group.addTask {
                    await BackgroundWork.map(count: 1, width: 1) { _ in signal.wait(timeout: .now() + 60) == .success }
                }
            }
            var all: [[Bool]] = []
            for await result in group { all.append(result) }
            return all
        }
        // From the pool: one signal per job.
        await Task.detached { for _ in 0..<jobs { signal.signal() } }.value
        let results = await waited.flatMap { $0 }
        #expect(results.count == jobs && results.allSatisfy { $0 })
    }
}
