import CSunlightSystem
import Dispatch
import Foundation

/// Starts the kernel's writeback of a SQLite database file and its write-ahead log every tenth
/// of a second while an import's write transaction runs, commits and checkpoints.
///
/// Why: an import writes hundreds of megabytes into the WAL, and the kernel keeps them dirty in
/// memory (far below its own writeback threshold) until the checkpoint after the commit. That
/// checkpoint calls `fsync` on the WAL, copies every page into the database file, and calls
/// `fsync` on the file; each `fsync` found everything still to write: ≈ 0.35 s apiece for a
/// million people. With writeback started early the writes overlap the work, and both `fsync`s
/// took under 0.08 s. Durability is unchanged: this moves *when* the kernel writes, not what
/// `fsync` (SQLite's, at the checkpoint) waits for. A command's import that writes the file
/// through a rollback journal (`BulkJournal`) has no log and no checkpoint, but its commit's
/// `fsync` of the file gains the same way.
///
/// Started by the transaction's first import batch (`BulkPath.startWriteback`): a form's one
/// record has nothing worth writing back early. A timer on a global queue, not a thread of its
/// own. Linux only (`sync_file_range`); elsewhere it does nothing.
///
/// It uses the descriptors SQLite itself holds (`SQLiteFileDescriptors`) and never opens or
/// closes one: closing any descriptor of a database file drops the process's POSIX locks on it,
/// which once let another client delete a live WAL under the server. The timer is stopped before
/// the transaction's connection is given back, so SQLite keeps those descriptors open while it
/// runs. Should a last tick race with the stop and SQLite close a descriptor meanwhile, the tick's
/// `sync_file_range` on a closed or reused number is a harmless hint (it changes no data and no
/// lock).
final class EarlyWriteback: @unchecked Sendable {
    static let interval = DispatchTimeInterval.milliseconds(100)
    // Guards `timer` and `stopped`.
    private let lock = NSLock()
    private var timer: (any DispatchSourceTimer)?
    private var stopped = false
    private var descriptors: [Int32] = []

    /// Starts the timer for the files of the SQLite connection `db` (once; not for an in-memory
    /// database, nor after `stop`). An import calls this for every batch.
    func start(connection db: OpaquePointer) {
        guard sunlight_start_writeback_supported() != 0 else { return }
        lock.withLock {
            guard timer == nil, !stopped else { return }
            let descriptors = SQLiteFileDescriptors.of(db)
            guard !descriptors.isEmpty else { return }
            let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
            timer.schedule(deadline: .now() + Self.interval, repeating: Self.interval)
            timer.setEventHandler {
                // A failure (say, a file system without writeback) only leaves the work to `fsync`.
                for descriptor in descriptors { _ = sunlight_start_writeback(descriptor) }
            }
            timer.activate()
            self.timer = timer
            self.descriptors = descriptors
        }
    }

    /// SQLite's descriptors the timer writes back (for tests).
    var descriptorsInUse: [Int32] { lock.withLock { descriptors } }

    /// Whether the timer runs (for tests).
    var isRunning: Bool { lock.withLock { timer != nil } }

    /// Stops the timer for good (after the transaction has committed or rolled back).
    func stop() {
        lock.withLock {
            stopped = true
            timer?.cancel()
            timer = nil
        }
    }
}
