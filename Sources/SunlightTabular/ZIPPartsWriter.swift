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
        let archive = try Archive(url: url, accessMode: .create)
        for part in parts {
            let data = part.data
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) { position, size in
                let start = Int(position)
                return data.subdata(in: start..<min(start + size, data.count))
            }
        }
    }
}
