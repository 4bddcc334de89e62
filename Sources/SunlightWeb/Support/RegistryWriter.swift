import SunlightContract
import SunlightStorage

/// Creating, changing and deleting registry records on behalf of a web or API user: parse and
/// validate the input with the data contract, check the unit reach of both the old and the new
/// record, and write through the recorder. Pages and API share it so they accept and refuse
/// exactly the same things.
struct RegistryWriter {
    let services: Services

    enum Outcome {
        case saved(Int64)
        case invalid([CellError])
    }

    func create(_ dataset: Dataset, input: [String: String], principal: Principal) async throws -> Outcome {
        let record: Record
        switch RowParser(dataset: dataset).parse(named: input) {
        case .failure(let problems): return .invalid(problems.errors)
        case .success(let parsed): record = parsed
        }
        guard try await services.records.isWithinReach(record, of: dataset, reach: principal.reach) else { throw WebError.forbidden }
        if try await services.records.find(key: record.key(in: dataset), in: dataset, reach: .everywhere) != nil {
            return .invalid([duplicate(dataset)])
        }
        do {
            let outcomes = try await services.recorder.write(by: principal) { tx in try await tx.save([record], in: dataset) }
            return .saved(outcomes[0].id)
        } catch is DuplicateKeyError {
            return .invalid([duplicate(dataset)])
        }
    }

    func update(_ dataset: Dataset, id: Int64, input: [String: String], principal: Principal) async throws -> Outcome {
        guard let current = try await services.records.get(id: id, in: dataset, reach: principal.reach) else { throw WebError.notFound }
        var record: Record
        switch RowParser(dataset: dataset).parse(named: input) {
        case .failure(let problems): return .invalid(problems.errors)
        case .success(let parsed): record = parsed
        }
        record.attributes = current.record.attributes
        let changed = record
        guard try await services.records.isWithinReach(changed, of: dataset, reach: principal.reach) else { throw WebError.forbidden }
        do {
            let outcome = try await services.recorder.write(by: principal) { tx in try await tx.update(id: id, with: changed, in: dataset) }
            return .saved(outcome.id)
        } catch is DuplicateKeyError {
            return .invalid([duplicate(dataset)])
        }
    }

    func delete(_ dataset: Dataset, id: Int64, principal: Principal) async throws {
        guard try await services.records.get(id: id, in: dataset, reach: principal.reach) != nil else { throw WebError.notFound }
        try await services.recorder.write(by: principal) { tx in try await tx.delete(id: id, in: dataset) }
    }

    private func duplicate(_ dataset: Dataset) -> CellError {
        CellError(line: 0, column: dataset.keyFields.first?.name ?? "key", value: "", code: "key.duplicate",
                  messageZh: "已有相同编码/证件号的记录", messageEn: "a record with the same key already exists")
    }
}
