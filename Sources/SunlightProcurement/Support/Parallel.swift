import Dispatch

/// Runs independent pieces of work on all cores and returns their results in order.
///
/// Why this shape: reading is the expensive part of every run (parsing gigabytes of JSON), and
/// its pieces — lines, package elements — are independent. Results come back in input order so
/// that everything downstream (indicator folding, Cardinal's "first seen" currency, coverage
/// order, line numbers) is exactly what a single thread would produce.
enum Parallel {
    static func map<T>(_ count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        if count == 0 { return [] }
        if count == 1 || threads <= 1 { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots.set(i, work.value(i))
            }
        }
        return slots.take()
    }
}

/// Result slots written by distinct indices from several threads (no two threads share a slot,
/// and `take` runs after `concurrentPerform` has returned, which orders the writes).
private final class Slots<T>: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: nil, count: count)
    }

    func set(_ i: Int, _ value: T) { pointer[i] = value }

    func take() -> [T] { (0..<count).map { pointer[$0]! } }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}

/// Carries a value the compiler cannot prove thread-safe across `concurrentPerform`; used only
/// for read-only state (the input bytes, the extraction closure).
struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
