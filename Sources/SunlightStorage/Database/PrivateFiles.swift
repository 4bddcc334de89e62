import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps Sunlight's files readable by its own account only. The database holds ID numbers,
/// reports and account hashes; before this, a new database, its `-wal` and `-shm` files and
/// every backup came out world-readable (mode 0644 under the usual umask).
///
/// SQLite gives the `-wal`, `-shm` and `-journal` files it creates the permissions of the
/// database file itself (whatever the umask), so the database file must be 0600 *before*
/// SQLite first opens it: `prepareSQLite` creates it so, or tightens an existing one (and any
/// sidecar left by an earlier run), before the first connection.
public enum PrivateFiles {
    /// Owner read and write only.
    public static let mode: mode_t = 0o600

    /// Files and directories this process creates from now on are its owner's only.
    public static func restrictUmask() {
        umask(0o077)
    }

    /// Makes sure the SQLite file at `path` exists with mode 0600, and that its sidecars, if
    /// any, are no more open than that.
    public static func prepareSQLite(path: String) throws {
        if path == ":memory:" || path.isEmpty { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] {
            try restrict(file)
        }
    }

    /// Creates `path` empty with mode 0600; fails if it exists (so a backup never overwrites).
    public static func createEmpty(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw errno == EEXIST ? CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: path])
                                  : CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        close(fd)
    }

    /// Drops group and other permissions from an existing file; nothing if it does not exist.
    public static func restrict(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let permissions = info.st_mode & 0o7777
        if permissions & 0o077 != 0, chmod(path, permissions & ~0o077) != 0 {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
