import Foundation
import SunlightStorage

/// Runs synchronous, blocking work (a push-style spreadsheet reader) on a thread of its own,
/// letting it call back into async code (database writes) and wait for the result.
///
/// The reader must not run on Swift's cooperative pool: blocking one of its two threads on this
/// machine while the database work needs the other would stall the server. A dedicated thread
/// may block freely.
enum ThreadBridge {
    /// Runs `work` on a new thread, at a helper's priority (`ThreadPriority`: the writes it
    /// starts must not wait for it), and resumes when it finishes.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                ThreadPriority.lowerCurrentThread()
                do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    /// From the dedicated thread: runs async `operation` and blocks this thread until it is done.
    static func await<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        try start(operation).wait()
    }

    /// From the dedicated thread: starts async `operation` and returns at once, so the thread can
    /// go on reading the next batch while this one is written (a pipeline). Given `previous`,
    /// `operation` starts only once that has succeeded (in order, one at a time: the writes of
    /// one transaction), and fails with its error if it failed.
    static func start<T: Sendable, P: Sendable>(after previous: Pending<P>?,
                                                _ operation: @escaping @Sendable () async throws -> T) -> Pending<T> {
        Pending(after: previous?.completion, operation)
    }

    static func start<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) -> Pending<T> {
        Pending(after: nil, operation)
    }

    /// Async work started from a dedicated thread, to be waited for there.
    final class Pending<T: Sendable>: @unchecked Sendable {
        /// Finishes when the work does, throwing its error: what a later `start(after:)` awaits.
        fileprivate let completion: Task<Void, any Error>

        fileprivate init(after previous: Task<Void, any Error>?, _ operation: @escaping @Sendable () async throws -> T) {
            let outcome = Outcome<T>()
            completion = Task {
                let result: Result<T, any Error>
                do {
                    if let previous { try await previous.value }
                    result = .success(try await operation())
                } catch {
                    result = .failure(error)
                }
                outcome.result = result
                outcome.done.signal()
                _ = try result.get()
            }
            self.outcome = outcome
        }

        private let outcome: Outcome<T>

        func wait() throws -> T {
            outcome.done.wait()
            return try outcome.result!.get()
        }
    }

    /// A pending operation's result (its own object: the task that sets it starts before the `Pending` is whole).
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        // Written by the task before `signal`, read after `wait`: ordered by the semaphore.
        var result: Result<T, any Error>?
        let done = DispatchSemaphore(value: 0)
    }
}
