import Foundation
import Hummingbird
import SunlightContract
import SunlightStorage

/// `/api/v1/<dataset>`: list (paged, `?q=` search and exact field filters), get, create,
/// replace (PUT) and change (PATCH) registry records, under the same authorization as pages.
struct RegistryAPI {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        let group = router.group("/api/v1")
        group.get(":dataset", use: list)
        group.post(":dataset", use: create)
        group.get(":dataset/:id", use: get)
        group.put(":dataset/:id", use: replace)
        group.patch(":dataset/:id", use: patch)
    }

    /// For `MethodNotAllowedMiddleware`: `/api/v1/<name>` is a resource only for a dataset of
    /// the contract (else 404 whatever the method), with GET alone for import-only datasets;
    /// `/api/v1/<name>/<id>` only with a whole-number id.
    static func refine(_ routes: RouteMethods) {
        routes.refine("/api/v1/:dataset") { segments, methods in
            guard segments.count == 3, let dataset = dataset(named: segments[2]) else { return nil }
            return dataset.isImportOnly ? [HTTPRequest.Method.get] : methods
        }
        routes.refine("/api/v1/:dataset/:id") { segments, methods in
            guard segments.count == 4, let dataset = dataset(named: segments[2]), Int64(segments[3]) != nil else { return nil }
            return dataset.isImportOnly ? [HTTPRequest.Method.get] : methods
        }
    }

    /// The dataset whose API path segment is `segment`.
    private static func dataset(named segment: Substring) -> Dataset? {
        guard let dataset = Contract.dataset(named: String(segment)), segment == dataset.pathSegment else { return nil }
        return dataset
    }

    private func dataset(_ context: AppRequestContext) throws -> Dataset {
        guard let name = context.parameters.get("dataset"), let dataset = Contract.dataset(named: name),
              name == dataset.pathSegment else { throw WebError.notFound }
        return dataset
    }

    /// The principal allowed to write `dataset`; an import-only dataset answers 405 with `Allow: GET`.
    private func writer(_ context: AppRequestContext, _ dataset: Dataset) throws -> Principal {
        do {
            return try context.require(.write, on: dataset)
        } catch let error as WebError where error.code == WebError.importOnly.code {
            throw error.allowing([.get])
        }
    }

    private func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
        return id
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try context.require(.read, on: dataset)
        let parameters = request.uri.queryParameters
        let page = try PagingParameters.page(request)
        let perPage = try PagingParameters.perPage(request, default: 50)
        var filters: [String: String] = [:]
        var seen: Set<String> = []
        for (key, _) in parameters where !seen.insert(String(key)).inserted {
            throw WebError.badRequest("parameter.repeated", zh: "参数 \(key) 只能给一次", en: "the parameter \(key) may be given once",
                                      details: [["parameter": String(key)]])
        }
        for (key, value) in parameters where !["q", "page", "per_page"].contains(String(key)) {
            guard dataset.field(named: String(key)) != nil else {
                throw WebError.badRequest("filter.unknown", zh: "未知的筛选字段：\(key)", en: "unknown filter field: \(key)",
                                          details: [["field": String(key)]])
            }
            filters[String(key)] = String(value)
        }
        let result = try await services.records.list(dataset, query: RecordQuery(search: parameters.get("q"), filters: filters,
                                                                                  page: page, perPage: perPage), reach: principal.reach)
        return APIResponse.json(["items": result.items.map { RecordJSON.object($0, dataset: dataset) },
                                 "total": result.total, "page": result.page, "per_page": result.perPage])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try context.require(.read, on: dataset)
        guard let stored = try await services.records.get(id: try id(context), in: dataset, reach: principal.reach) else {
            throw WebError.notFound
        }
        return APIResponse.json(RecordJSON.object(stored, dataset: dataset))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try writer(context, dataset)
        let input = try RecordJSON.input(try await body(request, context: context), dataset: dataset)
        switch try await RegistryWriter(services: services).create(dataset, input: input, principal: principal) {
        case .invalid(let errors): throw RecordJSON.validationError(errors)
        case .saved(let id): return try await respond(id, dataset, principal, status: .created)
        }
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try writer(context, dataset)
        let id = try id(context)
        let input = try RecordJSON.input(try await body(request, context: context), dataset: dataset)
        switch try await RegistryWriter(services: services).update(dataset, id: id, input: input, principal: principal) {
        case .invalid(let errors): throw RecordJSON.validationError(errors)
        case .saved(let id): return try await respond(id, dataset, principal, status: .ok)
        }
    }

    @Sendable func patch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try writer(context, dataset)
        let id = try id(context)
        guard let current = try await services.records.get(id: id, in: dataset, reach: principal.reach) else { throw WebError.notFound }
        var input = Dictionary(uniqueKeysWithValues: dataset.fields.map { ($0.name, current.record[$0.name].display(as: $0.type)) })
        for (name, value) in try RecordJSON.input(try await body(request, context: context), dataset: dataset) { input[name] = value }
        switch try await RegistryWriter(services: services).update(dataset, id: id, input: input, principal: principal) {
        case .invalid(let errors): throw RecordJSON.validationError(errors, alsoConflicts: ["required_one_of"])
        case .saved(let id): return try await respond(id, dataset, principal, status: .ok)
        }
    }

    private func body(_ request: Request, context: AppRequestContext) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return Data(buffer.readableBytesView)
    }

    private func respond(_ id: Int64, _ dataset: Dataset, _ principal: Principal, status: HTTPResponse.Status) async throws -> Response {
        guard let stored = try await services.records.get(id: id, in: dataset, reach: principal.reach) else { throw WebError.notFound }
        return APIResponse.json(RecordJSON.object(stored, dataset: dataset), status: status)
    }
}
