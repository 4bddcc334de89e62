#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reusable read buffer for JSON Lines: filled with `read(2)`, the complete lines processed in
/// place, the partial last line moved to the front.
///
/// Why not `FileHandle`/`Data`: each batch would be a fresh multi-megabyte allocation, faulted in
/// page by page and copied again to carry the partial line — measured at a third of the run time
/// on a 200 MB file. One buffer, reused, costs nothing after the first batch.
final class LineBuffer {
    private let fd: Int32
    private let path: String
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Valid bytes at the start of the buffer.
    private(set) var filled = 0

    init(path: String, capacity: Int) throws {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else { throw Self.ioError(path) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            throw ReadError(kind: .io, line: nil, detail: "\(path): is a directory, not a file")
        }
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Self.ioError(path) }
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        close(fd)
        base.deallocate()
    }

    private static func ioError(_ path: String) -> ReadError {
        ReadError(kind: .io, line: nil, detail: "\(path): \(String(cString: strerror(errno)))")
    }

    /// Reads until the buffer is full or the file ends; returns true at end of file.
    func fill() throws -> Bool {
        while filled < capacity {
            let n = read(fd, base + filled, capacity - filled)
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.ioError(path)
            }
            if n == 0 { return true }
            filled += n
        }
        return false
    }

    /// Offset of the last newline in the valid bytes.
    func lastNewline() -> Int? {
        var i = filled - 1
        while i >= 0 {
            if base[i] == 0x0A { return i }
            i -= 1
        }
        return nil
    }

    /// Drops the first `count` bytes, keeping the rest at the front.
    func discard(_ count: Int) {
        let rest = filled - count
        if rest > 0 { memmove(base, base + count, rest) }
        filled = rest
    }

    /// Doubles the capacity (for a line longer than the buffer).
    func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: filled)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
