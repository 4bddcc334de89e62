import Foundation

/// A serial queue on a thread of its own, at a helper's priority (`ThreadPriority`): jobs run
/// one at a time in the order given. Made once for the life of the process — a pool's thread
/// cannot be lowered and raised again, and a thread per transaction would cost every form's save.
final class HelperThread: @unchecked Sendable {
    // `jobs` is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []

    init(name: String) {
        let thread = Thread { [self] in
            ThreadPriority.lowerCurrentThread()
            run()
        }
        thread.name = name
        thread.start()
    }

    func async(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() -> Never {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
