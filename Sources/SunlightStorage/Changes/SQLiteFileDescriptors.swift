import Foundation
import VaporCSQLite

/// The file descriptors SQLite itself holds for a connection's database file and write-ahead
/// log, for `EarlyWriteback`.
///
/// Why SQLite's own, and never one of ours: on Linux (POSIX advisory locks) closing *any*
/// descriptor of a file drops *every* lock the process holds on that file, including the SHARED
/// lock SQLite keeps on a WAL database while a connection is open. An earlier version opened and
/// later closed descriptors of its own; after that, another SQLite client (the `sqlite3` shell,
/// `sunlight backup`) saw no other user, checkpointed and deleted the live `-wal`, and writes
/// acknowledged afterwards were lost at the next crash. A descriptor borrowed from SQLite is never
/// closed by us, so no lock can be dropped.
///
/// SQLite hands out its `sqlite3_file` objects (`SQLITE_FCNTL_FILE_POINTER`,
/// `SQLITE_FCNTL_JOURNAL_POINTER`), but the descriptor inside one is private to the unix VFS
/// (`unixFile.h`, after three pointers: the methods, the VFS and the inode; unchanged since
/// SQLite 3.7). So a descriptor read there is used only when it provably is the file: the VFS
/// is a unix one and `fstat` of the descriptor gives the device and inode of the path. Anything
/// else (another VFS, another layout, an in-memory database) yields no descriptor, and the
/// early writeback simply does not run.
enum SQLiteFileDescriptors {
    /// SQLite's descriptors of the main database file and, in WAL mode, its `-wal` file.
    static func of(_ db: OpaquePointer) -> [Int32] {
        guard let path = sqlite_nio_sqlite3_db_filename(db, "main").map({ String(cString: $0) }), !path.isEmpty,
              isUnixVFS(db) else { return [] }
        var descriptors: [Int32] = []
        if let main = descriptor(db, op: SQLITE_FCNTL_FILE_POINTER), isDescriptor(main, of: path) { descriptors.append(main) }
        if let log = descriptor(db, op: SQLITE_FCNTL_JOURNAL_POINTER), isDescriptor(log, of: path + "-wal") { descriptors.append(log) }
        return descriptors
    }

    private static func isUnixVFS(_ db: OpaquePointer) -> Bool {
        var vfs: UnsafeMutablePointer<sqlite3_vfs>?
        guard sqlite_nio_sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs) == SQLITE_OK,
              let name = vfs?.pointee.zName else { return false }
        return String(cString: name).hasPrefix("unix")
    }

    private static func descriptor(_ db: OpaquePointer, op: Int32) -> Int32? {
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite_nio_sqlite3_file_control(db, "main", op, &file) == SQLITE_OK, let file,
              file.pointee.pMethods != nil else { return nil }
        let offset = 3 * MemoryLayout<UnsafeRawPointer>.stride
        return UnsafeRawPointer(file).load(fromByteOffset: offset, as: Int32.self)
    }

    /// Whether `descriptor` is open on the file at `path` (same device and inode).
    static func isDescriptor(_ descriptor: Int32, of path: String) -> Bool {
        guard descriptor >= 0 else { return false }
        var open = stat()
        var named = stat()
        guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }
}
