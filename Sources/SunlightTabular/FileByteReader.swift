#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A thin wrapper over a POSIX file descriptor that fills caller-owned buffers.
///
/// Used instead of `FileHandle.read(upToCount:)` so that streaming a large CSV reuses one
/// buffer rather than allocating a `Data` per chunk, and so that short reads and `EINTR` are
/// handled in one place (`read(into:)` only returns less than requested at end of file).
final class FileByteReader {
    private let fd: Int32
    private let name: String

    init(url: URL) throws {
        name = url.lastPathComponent
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TabularError.unreadable("\(url.lastPathComponent): \(String(cString: strerror(errno)))")
        }
        fd = descriptor
    }

    deinit {
        close(fd)
    }

    /// Fills `buffer` as far as possible; returns the number of bytes read (0 at end of file).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let n = systemRead(fd, base + filled, buffer.count - filled)
            if n > 0 {
                filled += n
            } else if n == 0 {
                break
            } else if errno == EINTR {
                continue
            } else {
                let reason = String(cString: strerror(errno))
                throw TabularError.unreadable("\(name): \(reason)")
            }
        }
        return filled
    }
}

@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
