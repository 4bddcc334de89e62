import Foundation
import Hummingbird
import SunlightContract
import SunlightImport
import SunlightStorage

/// `POST /api/v1/imports?dataset=people[&file_name=…][&skip_invalid=true]` with the file as the
/// body (or as multipart `file`), and `GET /api/v1/imports/{id}`.
struct ImportAPI {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.post("/api/v1/imports", use: create)
        router.get("/api/v1/imports/:id", use: get)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        if parameters.get("dataset") == OCDSImporter.datasetName {
            return try await createOCDS(request, context: context, principal: principal)
        }
        guard let name = parameters.get("dataset"), let dataset = Contract.dataset(named: name) else {
            throw WebError.badRequest("dataset.unknown", zh: "请用 ?dataset= 指定数据集（\(Contract.datasets.map(\.name).joined(separator: "、"))）",
                                      en: "name the dataset with ?dataset= (\(Contract.datasets.map(\.name).joined(separator: ", ")))")
        }
        guard AccessPolicy.allows(principal.role, .importFile, on: dataset) else { throw WebError.forbidden }
        let upload = try await Upload.receive(request, limit: services.configuration.maxUploadBytes)
        defer { upload.removeFile() }
        guard let file = upload.file else {
            throw WebError.badRequest("file.missing", zh: "请求中没有文件内容", en: "the request carries no file")
        }
        let skip = try Self.skipInvalid(parameters.get("skip_invalid") ?? upload.fields["skip_invalid"])
        let report = try await services.importer.run(dataset, file: file,
                                                     fileName: parameters.get("file_name") ?? upload.fileName ?? "upload",
                                                     options: ImportOptions(skipInvalid: skip), by: principal)
        let data = try JSONEncoder.sorted.encode(report)
        return Response(status: report.isWritten ? .created : .unprocessableContent,
                        headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `?dataset=ocds`: OCDS JSON, allowed to whoever may import bids (county-wide procurement data).
    private func createOCDS(_ request: Request, context: AppRequestContext, principal: Principal) async throws -> Response {
        guard AccessPolicy.allows(principal.role, .importFile, on: GovernmentData.bids) else { throw WebError.forbidden }
        let parameters = request.uri.queryParameters
        let upload = try await Upload.receive(request, limit: services.configuration.maxUploadBytes)
        defer { upload.removeFile() }
        guard let file = upload.file else {
            throw WebError.badRequest("file.missing", zh: "请求中没有文件内容", en: "the request carries no file")
        }
        let skip = try Self.skipInvalid(parameters.get("skip_invalid") ?? upload.fields["skip_invalid"])
        let report = try await OCDSImporter(recorder: services.importer.recorder).run(
            file: file, fileName: parameters.get("file_name") ?? upload.fileName ?? "upload",
            options: ImportOptions(skipInvalid: skip), by: principal)
        let data = try JSONEncoder.sorted.encode(report)
        return Response(status: report.isWritten ? .created : .unprocessableContent,
                        headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `skip_invalid`: true/false (also 1/0, yes/no); absent is false, anything else 400.
    static func skipInvalid(_ value: String?) throws -> Bool {
        guard let value else { return false }
        switch value.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no", "": return false
        default:
            throw WebError.badRequest("skip_invalid", zh: "skip_invalid 应为 true 或 false", en: "skip_invalid must be true or false",
                                      details: [["parameter": "skip_invalid"]])
        }
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let id = context.parameters.get("id", as: Int64.self),
              let record = try await ImportLog(database: services.database).get(id: id),
              principal.reach == .everywhere || record.actor == principal.username else { throw WebError.notFound }
        let errors = (try? JSONSerialization.jsonObject(with: Data(record.rejectsJSON.utf8))) ?? []
        return APIResponse.json([
            "import_id": record.id, "dataset": record.dataset, "file_name": record.fileName, "file_sha256": record.fileSHA256,
            "status": record.status, "rows_read": record.rowsRead, "inserted": record.inserted, "updated": record.updated,
            "unchanged": record.unchanged, "rejected_rows": record.rejected, "errors": errors, "finished_at": record.finishedAt,
        ])
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
