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
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await operation()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// From the dedicated thread: starts async `operation` and returns at once, so the thread can
    /// go on reading the next batch while this one is written (a two-stage pipeline).
    static func start<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) -> Pending<T> {
        Pending(operation)
    }

    /// Async work started from a dedicated thread, to be waited for there.
    final class Pending<T: Sendable>: @unchecked Sendable {
        // `result` is written by the task before `signal` and read after `wait`: ordered by the semaphore.
        private var result: Result<T, any Error>?
        private let done = DispatchSemaphore(value: 0)

        init(_ operation: @escaping @Sendable () async throws -> T) {
            Task {
                do { self.result = .success(try await operation()) } catch { self.result = .failure(error) }
                self.done.signal()
            }
        }

        func wait() throws -> T {
            done.wait()
            return try result!.get()
        }
    }

    private final class ResultBox<T>: @unchecked Sendable {
        // Written by the task before `signal`, read by the thread after `wait`: ordered by the semaphore.
        var result: Result<T, any Error>?
    }
}
