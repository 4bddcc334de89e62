import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The priority of a bulk write's helper threads.
///
/// Why: an import runs three threads — the reader (parse, validate, hash), the one SQLite
/// writer, and the ledger hasher — on a county server that may have two cores. The writer is
/// the serial stage: the import goes as fast as it does. With equal priorities the scheduler
/// shares two cores three ways and the writer gets two thirds of one; with the helpers a few
/// nice steps lower it keeps a core of its own and they share the other. Lowering a thread's
/// priority needs no privilege (raising it back would, so only threads made for the purpose are
/// lowered, never a pool's).
public enum ThreadPriority {
    /// Nice steps a helper thread of a bulk write is lowered by.
    public static let helperSteps: Int32 = 5

    /// Lowers the calling thread's priority by `steps` nice steps (Linux; elsewhere nothing).
    public static func lowerCurrentThread(by steps: Int32 = helperSteps) {
        #if os(Linux)
        guard steps > 0, let (thread, nice) = currentThread() else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), thread, min(19, nice + steps))
        #endif
    }

    /// The calling thread's nice value (nil where unknown).
    static func currentNice() -> Int32? {
        #if os(Linux)
        return currentThread()?.nice
        #else
        return nil
        #endif
    }

    #if os(Linux)
    /// The calling thread's id and nice value.
    private static func currentThread() -> (id: id_t, nice: Int32)? {
        // Glibc's gettid() is not imported into Swift: /proc names the calling thread.
        guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"),
              let thread = link.split(separator: "/").last.flatMap({ id_t($0) }) else { return nil }
        errno = 0
        let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), thread)
        return errno == 0 ? (thread, nice) : nil
    }
    #endif
}
