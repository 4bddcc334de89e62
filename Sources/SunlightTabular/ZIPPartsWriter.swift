import Foundation
import ZIPFoundation

/// Writes a ZIP file from named parts (path → bytes), deflated, in the given order.
///
/// The one place that writes ZIP archives: `XLSXWriter` uses it for its package, and tests use
/// it (via `@testable import`) to hand-write workbooks that our writer would never produce —
/// sparse rows, shared strings, several sheets, prefixed namespaces.
enum ZIPPartsWriter {
    static func write(url: URL, parts: [(path: String, data: Data)]) throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: url.path) {
            try fileManager.removeItem(at: url)
        }
        try add(parts, to: Archive(url: url, accessMode: .create), method: .deflate)
    }

    /// The same archive built in memory (ZIPFoundation's in-memory archive), for the fuzz
    /// target; `compressed: false` stores the parts instead of deflating them (the fuzz target's
    /// generated workbooks: zlib's per-part set-up was 40 % of its time, and raw inputs still
    /// reach inflation).
    static func data(parts: [(path: String, data: Data)], compressed: Bool = true) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        try add(parts, to: archive, method: compressed ? .deflate : .none)
        guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
        return data
    }

    private static func add(
        _ parts: [(path: String, data: Data)], to archive: Archive, method: CompressionMethod
    ) throws {
        for part in parts {
            let data = part.data
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: method
            ) { position, size in
                let start = Int(position)
                return data.subdata(in: start..<min(start + size, data.count))
            }
        }
    }
}
