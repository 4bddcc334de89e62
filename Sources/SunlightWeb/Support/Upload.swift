import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A received upload: the form fields, and the file written to a temporary path (streamed:
/// an upload of hundreds of megabytes never sits in memory).
struct ReceivedUpload: Sendable {
    var fields: [String: String] = [:]
    var file: URL?
    var fileName: String?

    func removeFile() { if let file { try? FileManager.default.removeItem(at: file) } }
}

enum Upload {
    /// Receives a `multipart/form-data` body (browser forms) or a raw body (scripts posting the
    /// file itself). More than `limit` bytes is refused with 413 and nothing is kept.
    static func receive(_ request: Request, limit: Int) async throws -> ReceivedUpload {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw WebError.tooLarge(limit: limit)
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw WebError(status: .internalServerError, code: "upload.unstored", messageZh: "无法保存上传的文件", messageEn: "the upload cannot be stored")
        }
        let handle = try FileHandle(forWritingTo: temporary)
        var upload = ReceivedUpload()
        do {
            defer { try? handle.close() }
            let contentType = request.headers[.contentType] ?? ""
            var received = 0
            if contentType.lowercased().hasPrefix("multipart/form-data"), let boundary = boundary(of: contentType) {
                let collector = MultipartCollector(handle: handle)
                let parser = MultipartParser(boundary: boundary)
                parser.onHeader = { name, value in collector.header(name, value) }
                parser.onBody = { buffer in collector.body(&buffer) }
                parser.onPartComplete = { collector.complete() }
                for try await chunk in request.body {
                    received += chunk.readableBytes
                    if received > limit { throw WebError.tooLarge(limit: limit) }
                    try parser.execute(chunk)
                }
                if let error = collector.error { throw error }
                upload.fields = collector.fields
                upload.fileName = collector.fileName
                upload.file = collector.sawFile ? temporary : nil
            } else {
                for try await chunk in request.body {
                    received += chunk.readableBytes
                    if received > limit { throw WebError.tooLarge(limit: limit) }
                    try handle.write(contentsOf: chunk.readableBytesView)
                }
                upload.file = received > 0 ? temporary : nil
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if error is WebError { throw error }
            throw WebError.badRequest("upload.malformed", zh: "上传内容格式错误", en: "the upload is malformed")
        }
        if upload.file == nil { try? FileManager.default.removeItem(at: temporary) }
        return upload
    }

    static func boundary(of contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("boundary=") {
                return String(trimmed.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}

/// Collects multipart parts: small fields into strings, the (first) file part into the file.
private final class MultipartCollector {
    let handle: FileHandle
    var fields: [String: String] = [:]
    var fileName: String?
    var sawFile = false
    var error: (any Error)?
    private var name: String?
    private var isFile = false
    private var text = Data()

    init(handle: FileHandle) { self.handle = handle }

    func header(_ name: String, _ value: String) {
        guard name.lowercased() == "content-disposition" else { return }
        self.name = Self.parameter("name", in: value)
        if let file = Self.parameter("filename", in: value), !sawFile {
            isFile = true
            sawFile = true
            fileName = file
        }
    }

    func body(_ buffer: inout ByteBuffer) {
        if isFile {
            do { try handle.write(contentsOf: buffer.readableBytesView) } catch { self.error = error }
        } else if text.count < 64 << 10 {
            text.append(contentsOf: buffer.readableBytesView)
        }
    }

    func complete() {
        if !isFile, let name { fields[name] = String(decoding: text, as: UTF8.self) }
        name = nil
        isFile = false
        text = Data()
    }

    static func parameter(_ key: String, in value: String) -> String? {
        for part in value.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("\(key)=") {
                return String(trimmed.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
