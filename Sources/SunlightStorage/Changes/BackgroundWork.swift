import Foundation

/// CPU-bound work off Swift's cooperative pool: on dedicated threads, at a helper's priority.
///
/// Why: the cooperative pool has one thread per core — two on a county's server. A scan that
/// evaluates 52 rules for seconds on one of them (or blocks it in `concurrentPerform`) leaves
/// every other request to the other, and a sign-in or `/healthz` waits behind the rules. Here the
/// caller suspends (its pool thread is free), the work runs on threads of its own whose nice
/// value is raised (`ThreadPriority`), so the kernel serves requests first and the work gets
/// whatever CPU is left.
public enum BackgroundWork {
    /// Runs `work(i)` for every `i` in `0..<count` on up to `width` dedicated threads, and returns
    /// the results in index order once all are done.
    public static func map<T: Sendable>(count: Int, width: Int = ProcessInfo.processInfo.activeProcessorCount,
                                        _ work: @escaping @Sendable (Int) -> T) async -> [T] {
        guard count > 0 else { return [] }
        let threads = max(1, min(width, count))
        return await withCheckedContinuation { continuation in
            let state = MapState<T>(count: count, threads: threads, continuation: continuation)
            for _ in 0..<threads {
                let thread = Thread {
                    ThreadPriority.lowerCurrentThread()
                    while let index = state.next() { state.store(index, work(index)) }
                    state.threadFinished()
                }
                thread.stackSize = 4 << 20
                thread.start()
            }
        }
    }

    /// Runs one piece of blocking or CPU-bound work on a dedicated thread (`map` with one item).
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await map(count: 1, width: 1) { _ in work() }[0]
    }
}

/// The shared state of one `BackgroundWork.map`: the next index to take, the results, and the
/// threads still running (the last one to finish resumes the caller).
private final class MapState<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var results: [T?]
    private var running: Int
    private let continuation: CheckedContinuation<[T], Never>

    init(count: Int, threads: Int, continuation: CheckedContinuation<[T], Never>) {
        results = Array(repeating: nil, count: count)
        running = threads
        self.continuation = continuation
    }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < results.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func store(_ index: Int, _ value: T) {
        lock.withLock { results[index] = value }
    }

    func threadFinished() {
        let done: [T]? = lock.withLock {
            running -= 1
            return running == 0 ? results.map { $0! } : nil
        }
        if let done { continuation.resume(returning: done) }
    }
}
