import Foundation
import Hummingbird
import SunlightContract
import SunlightStorage
import SunlightDomain

/// The registry in the browser: list and search, record pages with related records and
/// history, and create/edit/delete forms — one implementation for every registry dataset,
/// driven by the data contract.
struct RegistryPages {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get("/registry/:dataset", use: list)
        router.get("/registry/:dataset/new", use: newForm)
        router.post("/registry/:dataset", use: create)
        router.get("/registry/:dataset/:id", use: show)
        router.get("/registry/:dataset/:id/edit", use: editForm)
        router.post("/registry/:dataset/:id", use: update)
        router.get("/registry/:dataset/:id/delete", use: confirmDelete)
        router.post("/registry/:dataset/:id/delete", use: delete)
    }

    private func dataset(_ context: AppRequestContext) throws -> Dataset {
        guard let name = context.parameters.get("dataset"), let dataset = Contract.dataset(named: name) else { throw WebError.notFound }
        return dataset
    }

    private func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
        return id
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try context.require(.read, on: dataset)
        let query = RecordQuery(search: request.uri.queryParameters.get("q"),
                                page: try PagingParameters.page(request), perPage: 50)
        let page = try await services.records.list(dataset, query: query, reach: principal.reach)
        let language = context.language
        let (columns, rows) = RecordDisplay.table(page.items, dataset: dataset, language: language)
        let pages = max(1, (page.total + page.perPage - 1) / page.perPage)
        let base = "/registry/\(dataset.pathSegment)"
        let q = query.search ?? ""
        let qPart = q.isEmpty ? "" : "&q=" + (q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")
        var values: [String: Any] = [
            "heading": RecordDisplay.datasetName(dataset, language), "basePath": base, "dataset": dataset.name,
            "q": q, "total": page.total, "columns": columns, "rows": rows, "page": page.page, "pages": pages,
            "canWrite": AccessPolicy.allows(principal.role, .write, on: dataset),
            "canImport": AccessPolicy.allows(principal.role, .importFile, on: dataset),
            "importOnly": dataset.isImportOnly,
        ]
        if page.page > 1 { values["prev"] = "\(base)?page=\(page.page - 1)\(qPart)" }
        if page.page < pages { values["next"] = "\(base)?page=\(page.page + 1)\(qPart)" }
        return services.renderer.render("list", title: RecordDisplay.datasetName(dataset, language), request: request,
                                        context: context, values: values)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try context.require(.read, on: dataset)
        guard let stored = try await services.records.get(id: try id(context), in: dataset, reach: principal.reach) else {
            throw WebError.notFound
        }
        let language = context.language
        var fields: [[String: Any]] = []
        for field in dataset.fields {
            var item: [String: Any] = ["label": RecordDisplay.label(field, language),
                                       "value": RecordDisplay.value(stored.record[field.name], field, language)]
            if let link = try await link(for: field, value: stored.record[field.name], reach: principal.reach) { item["link"] = link }
            fields.append(item)
        }
        let history = try await services.records.history(of: dataset, id: stored.id).map { change -> [String: Any] in
            ["at": DisplayTime.local(change.at), "actor": change.actor, "action": Strings.text("change_" + change.action.rawValue, language), "hash": String((change.hashAfter ?? "—").prefix(16))]
        }
        let title = stored.record["name"].text ?? stored.record.key(in: dataset)
        var values: [String: Any] = [
            "heading": "\(RecordDisplay.datasetName(dataset, language))：\(title)",
            "fields": fields,
            "attributes": stored.record.attributes.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] },
            "related": try await related(dataset, stored, principal: principal, language: language),
            "history": history,
            "canWrite": AccessPolicy.allows(principal.role, .write, on: dataset),
            "editPath": "/registry/\(dataset.pathSegment)/\(stored.id)/edit",
            "deletePath": "/registry/\(dataset.pathSegment)/\(stored.id)/delete",
        ]
        if dataset.name == "people", AccessPolicy.recordsTalks(principal.role) || AccessPolicy.approvesDispositions(principal.role) {
            values["integrityPath"] = "/integrity/\(stored.id)"
        }
        if dataset.name == "companies", NetworkPages.opens(principal.role),
           let uscc = stored.record["uscc"].text {
            values["networkPath"] = NetworkPages.companyPath(uscc)
        }
        let flash = request.uri.queryParameters.get("saved") != nil ? Strings.text("saved", language) : nil
        return services.renderer.render("record", title: title, request: request, context: context, values: values, flash: flash)
    }

    /// Links from a value to the record it names (a unit code to the unit, an ID to the person).
    private func link(for field: Field, value: FieldValue, reach: UnitReach) async throws -> String? {
        guard let text = value.text, !text.isEmpty else { return nil }
        let target: Dataset
        switch field.name {
        case "unit_code", "parent_code", "village_code": target = Registry.units
        case "id_number", "relative_id_number", "holder_id_number", "legal_rep_id_number": target = Registry.people
        case "uscc", "holder_uscc": target = Registry.companies
        default: return nil
        }
        guard let found = try await services.records.find(key: text, in: target, reach: reach) else { return nil }
        return "/registry/\(target.pathSegment)/\(found.id)"
    }

    private func related(_ dataset: Dataset, _ stored: StoredRecord, principal: Principal, language: Language) async throws -> [[String: Any]] {
        var sections: [(String, Dataset, [StoredRecord])] = []
        let reach = principal.reach
        func add(_ titleKey: String, _ target: Dataset, _ column: String, _ value: FieldValue) async throws {
            guard let text = value.text, AccessPolicy.allows(principal.role, .read, on: target) else { return }
            sections.append((Strings.text(titleKey, language), target,
                             try await services.records.all(where: column, equals: text, in: target, reach: reach)))
        }
        switch dataset.name {
        case "units":
            try await add("children", Registry.units, "parent_code", stored.record["unit_code"])
            try await add("people_in_unit", Registry.people, "unit_code", stored.record["unit_code"])
        case "people":
            try await add("relatives", Registry.relatives, "id_number", stored.record["id_number"])
            try await add("households", Registry.households, "id_number", stored.record["id_number"])
            try await add("company_roles", Registry.companyRoles, "holder_id_number", stored.record["id_number"])
            try await add("linked_companies", Registry.companies, "legal_rep_id_number", stored.record["id_number"])
        case "companies":
            try await add("company_roles", Registry.companyRoles, "uscc", stored.record["uscc"])
        case "households":
            try await add("households", Registry.households, "household_id", stored.record["household_id"])
        default:
            break
        }
        return sections.map { title, target, records in
            let (columns, rows) = RecordDisplay.table(records, dataset: target, language: language)
            return ["title": title, "columns": columns, "rows": rows]
        }
    }

    // MARK: forms

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        _ = try context.require(.write, on: dataset)
        var prefill: [String: String] = [:]
        for field in dataset.fields { if let value = request.uri.queryParameters.get(field.name) { prefill[field.name] = value } }
        return form(dataset, request: request, context: context, action: "/registry/\(dataset.pathSegment)", values: prefill,
                    errors: [], cancel: "/registry/\(dataset.pathSegment)")
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try context.require(.write, on: dataset)
        guard let stored = try await services.records.get(id: try id(context), in: dataset, reach: principal.reach) else {
            throw WebError.notFound
        }
        var values: [String: String] = [:]
        for field in dataset.fields { values[field.name] = stored.record[field.name].display(as: field.type) }
        return form(dataset, request: request, context: context, action: "/registry/\(dataset.pathSegment)/\(stored.id)",
                    values: values, errors: [], cancel: "/registry/\(dataset.pathSegment)/\(stored.id)")
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try context.require(.write, on: dataset)
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let input = Dictionary(uniqueKeysWithValues: dataset.fields.map { ($0.name, form[$0.name] ?? "") })
        let outcome = try await RegistryWriter(services: services).create(dataset, input: input, principal: principal)
        switch outcome {
        case .saved(let id):
            return Response(status: .seeOther, headers: [.location: "/registry/\(dataset.pathSegment)/\(id)?saved=1"])
        case .invalid(let errors):
            return self.form(dataset, request: request, context: context, action: "/registry/\(dataset.pathSegment)",
                             values: input, errors: errors, cancel: "/registry/\(dataset.pathSegment)", status: .unprocessableContent)
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try context.require(.write, on: dataset)
        let id = try id(context)
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let input = Dictionary(uniqueKeysWithValues: dataset.fields.map { ($0.name, form[$0.name] ?? "") })
        let outcome = try await RegistryWriter(services: services).update(dataset, id: id, input: input, principal: principal)
        switch outcome {
        case .saved(let id):
            return Response(status: .seeOther, headers: [.location: "/registry/\(dataset.pathSegment)/\(id)?saved=1"])
        case .invalid(let errors):
            return self.form(dataset, request: request, context: context, action: "/registry/\(dataset.pathSegment)/\(id)",
                             values: input, errors: errors, cancel: "/registry/\(dataset.pathSegment)/\(id)", status: .unprocessableContent)
        }
    }

    /// Deleting asks once more (without JavaScript, a page of its own).
    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try context.require(.write, on: dataset)
        guard let stored = try await services.records.get(id: try id(context), in: dataset, reach: principal.reach) else {
            throw WebError.notFound
        }
        let title = stored.record["name"].text ?? stored.record.key(in: dataset)
        let base = "/registry/\(dataset.pathSegment)/\(stored.id)"
        return services.renderer.render("confirm_delete", title: Strings.text("delete", context.language), request: request,
                                        context: context, values: ["heading": "\(Strings.text("delete", context.language))：\(title)",
                                                                   "deletePath": base + "/delete", "cancel": base])
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dataset = try dataset(context)
        let principal = try context.require(.write, on: dataset)
        try await RegistryWriter(services: services).delete(dataset, id: try id(context), principal: principal)
        return Response(status: .seeOther, headers: [.location: "/registry/\(dataset.pathSegment)"])
    }

    private func form(_ dataset: Dataset, request: Request, context: AppRequestContext, action: String,
                      values: [String: String], errors: [CellError], cancel: String,
                      status: HTTPResponse.Status = .ok) -> Response {
        let language = context.language
        let fields: [[String: Any]] = dataset.fields.map { field in
            var item: [String: Any] = [
                "name": field.name, "label": RecordDisplay.label(field, language),
                "required": dataset.mustHaveValue(field), "value": values[field.name] ?? "",
                "options": [[String: Any]](),
            ]
            if let error = errors.first(where: { $0.column == field.name || $0.column.split(separator: "/").contains(Substring(field.name)) }) {
                item["error"] = error.message(language)
            }
            switch field.type {
            case .enumeration(let options):
                item["options"] = options.map { option in
                    ["code": option.code, "label": language == .zh ? option.labelZh : option.labelEn,
                     "selected": values[field.name] == option.code || values[field.name] == option.labelZh] as [String: Any]
                }
            case .bool:
                item["options"] = [
                    ["code": "true", "label": Strings.text("yes", language), "selected": values[field.name] == "true"],
                    ["code": "false", "label": Strings.text("no", language), "selected": values[field.name] == "false"],
                ]
            case .date: item["hint"] = "2025-03-07"
            default: break
            }
            return item
        }
        let errorList: [[String: Any]] = errors.map { error in
            let label = dataset.field(named: error.column).map { RecordDisplay.label($0, language) } ?? error.column
            return ["column": error.column.split(separator: "/").first.map(String.init) ?? error.column, "label": label,
                    "message": error.message(language)]
        }
        let heading = RecordDisplay.datasetName(dataset, language)
        return services.renderer.render("form", title: heading, request: request, context: context,
                                        values: ["heading": heading, "fields": fields, "errors": errorList, "action": action, "cancel": cancel],
                                        status: status)
    }
}
