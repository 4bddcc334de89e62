import Foundation
import Hummingbird
import SunlightContract
import SunlightImport
import SunlightStorage
import SunlightDomain

/// The import page: upload a dataset file, see it accepted or rejected with every bad line.
struct ImportPages {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get("/imports", use: page)
        router.post("/imports", use: upload)
        router.get("/imports/:id", use: report)
    }

    /// OCDS is county-wide procurement data: whoever may import bids may import it.
    static func mayImportOCDS(_ principal: Principal) -> Bool {
        AccessPolicy.allows(principal.role, .importFile, on: GovernmentData.bids)
    }

    private func importable(_ principal: Principal) -> [Dataset] {
        Contract.datasets.filter { AccessPolicy.allows(principal.role, .importFile, on: $0) }
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, error: nil)
    }

    private func render(_ request: Request, context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let principal = try context.requirePrincipal()
        let datasets = importable(principal)
        guard !datasets.isEmpty else { throw WebError.forbidden }
        let selected = request.uri.queryParameters.get("dataset")
        let language = context.language
        let everywhere = principal.reach == .everywhere
        let imports = try await ImportLog(database: services.database).recent(actor: everywhere ? nil : principal.username)
        var options = datasets.map { ["name": $0.name, "label": RecordDisplay.datasetName($0, language), "selected": $0.name == selected] }
        if Self.mayImportOCDS(principal) {
            options.append(["name": OCDSImporter.datasetName, "label": language == .zh ? "OCDS 采购流程（JSON）" : "OCDS processes (JSON)",
                            "selected": selected == OCDSImporter.datasetName])
        }
        var values: [String: Any] = [
            "datasets": options,
            "imports": imports.map { record -> [String: Any] in
                ["id": record.id, "at": DisplayTime.local(record.finishedAt), "dataset": record.dataset, "file": record.fileName, "actor": record.actor,
                 "read": record.rowsRead, "rejected": record.rejected, "status": statusText(record.status, language)]
            },
        ]
        if let error { values["error"] = error }
        return services.renderer.render("import", title: Strings.text("import", language), request: request, context: context,
                                        values: values, status: status)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let upload = try await Upload.receive(request, limit: services.configuration.maxUploadBytes)
        defer { upload.removeFile() }
        if upload.fields["dataset"] == OCDSImporter.datasetName {
            guard Self.mayImportOCDS(principal) else { throw WebError.forbidden }
            guard let file = upload.file else {
                return try await render(request, context: context, error: Strings.text("file", context.language) + "?", status: .badRequest)
            }
            let result = try await OCDSImporter(recorder: services.importer.recorder).run(
                file: file, fileName: upload.fileName ?? "upload", options: ImportOptions(skipInvalid: upload.fields["skip_invalid"] == "1"),
                by: principal)
            return Response(status: .seeOther, headers: [.location: "/imports/\(result.importID ?? 0)"])
        }
        guard let name = upload.fields["dataset"], let dataset = Contract.dataset(named: name) else {
            return try await render(request, context: context, error: Strings.text("dataset", context.language) + "?", status: .badRequest)
        }
        guard AccessPolicy.allows(principal.role, .importFile, on: dataset) else { throw WebError.forbidden }
        guard let file = upload.file else {
            return try await render(request, context: context, error: Strings.text("file", context.language) + "?", status: .badRequest)
        }
        let result = try await services.importer.run(dataset, file: file, fileName: upload.fileName ?? "upload",
                                                     options: ImportOptions(skipInvalid: upload.fields["skip_invalid"] == "1"),
                                                     by: principal)
        return Response(status: .seeOther, headers: [.location: "/imports/\(result.importID ?? 0)"])
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let id = context.parameters.get("id", as: Int64.self),
              let record = try await ImportLog(database: services.database).get(id: id),
              principal.reach == .everywhere || record.actor == principal.username else { throw WebError.notFound }
        let language = context.language
        let errors = (try? JSONDecoder().decode([CellError].self, from: Data(record.rejectsJSON.utf8))) ?? []
        var values: [String: Any] = [
            "dataset": record.dataset, "file": record.fileName, "sha": record.fileSHA256, "read": record.rowsRead,
            "inserted": record.inserted, "updated": record.updated, "unchanged": record.unchanged, "deleted": record.deleted, "rejected": record.rejected,
            "statusText": statusText(record.status, language),
            "statusClass": record.status == "rejected" ? "error" : "ok-status",
            "errors": errors.filter { !$0.code.hasPrefix("file:") }.map { error -> [String: Any] in
                ["line": error.line, "column": error.column, "value": error.value,
                 "message": error.message(language)]
            },
        ]
        if let fileError = errors.first(where: { $0.code.hasPrefix("file:") }) {
            values["fileError"] = ["line": fileError.line > 0 ? fileError.line : 0,
                                   "message": language == .zh ? fileError.messageZh : fileError.messageEn] as [String: Any]
        }
        return services.renderer.render("import_report", title: Strings.text("import_report", language), request: request,
                                        context: context, values: values)
    }

    private func statusText(_ status: String, _ language: Language) -> String {
        switch status {
        case "committed": return Strings.text("import_committed", language)
        case "committed_with_rejects": return Strings.text("import_committed_with_rejects", language)
        default: return Strings.text("import_rejected", language)
        }
    }
}
