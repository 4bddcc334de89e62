import Foundation
import Hummingbird
import Prometheus

/// Health, metrics and the locally served static files.
struct OperationsRoutes {
    let services: Services
    let metrics: PrometheusCollectorRegistry

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            let ok = (try? await services.database.withConnection { try await $0.raw("SELECT 1 AS ok").first() != nil }) ?? false
            return APIResponse.json(["status": ok ? "ok" : "database unavailable", "database": services.database.kind.rawValue],
                                    status: ok ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { request, context in
            guard MetricsAccess.allows(request, context: context, configuration: services.configuration) else {
                throw WebError.notFound
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.emitToString())))
        }
        router.get("/static/:name") { _, context in
            guard let name = context.parameters.get("name"), let file = StaticFiles.files[name] else { throw WebError.notFound }
            return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
    }
}

/// The stylesheet and icon, read once from the module's resources.
enum StaticFiles {
    struct File: Sendable { let data: Data; let contentType: String }

    static let files: [String: File] = {
        var files: [String: File] = [:]
        let types = ["css": "text/css; charset=utf-8", "svg": "image/svg+xml"]
        guard let directory = Bundle.module.url(forResource: "Static", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return files }
        for name in names {
            let url = directory.appendingPathComponent(name)
            if let data = try? Data(contentsOf: url), let type = types[url.pathExtension] { files[name] = File(data: data, contentType: type) }
        }
        return files
    }()
}
