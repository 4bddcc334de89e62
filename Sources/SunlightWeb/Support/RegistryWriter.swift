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
        if try await services.records.find(key: record.key(in: dataset), in: dataset, reach: .everywhere) != nil {
            return .invalid([duplicate(dataset)])
        }
        do {
            let outcomes = try await services.recorder.write(by: principal) { tx in
                try await Self.check(record, in: dataset, reach: principal.reach, tx: tx)
                return try await tx.save([record], in: dataset)
            }
            return .saved(outcomes[0].id)
        } catch is DuplicateKeyError {
            return .invalid([duplicate(dataset)])
        } catch let refusal as WriteRefusal {
            return try refused(refusal, in: dataset)
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
        // A record's key is its identity: other rows refer to it (a unit's children and people
        // by its code, relatives and households by an ID number, roles by a company's code), so
        // changing it in place would orphan them. A new key is a new record.
        if record.key(in: dataset) != current.record.key(in: dataset) {
            let column = dataset.keyFields.first?.name ?? "key"
            return .invalid([CellError(line: 0, column: column, value: "", code: "key.immutable",
                                       messageZh: "编码/证件号不能修改：其他记录引用它。请新增一条记录，迁移后再删除原记录",
                                       messageEn: "the key cannot be changed: other records refer to it. Add a new record, move what refers to the old one, then delete it")])
        }
        let changed = record
        do {
            let outcome = try await services.recorder.write(by: principal) { tx in
                try await Self.check(changed, in: dataset, reach: principal.reach, tx: tx)
                return try await tx.update(id: id, with: changed, in: dataset)
            }
            return .saved(outcome.id)
        } catch is DuplicateKeyError {
            return .invalid([duplicate(dataset)])
        } catch let refusal as WriteRefusal {
            return try refused(refusal, in: dataset)
        }
    }

    /// Deletes a record; a unit that still has child units or people is refused (409), checked
    /// inside the deleting transaction (deleting it would orphan them out of everyone's reach).
    func delete(_ dataset: Dataset, id: Int64, principal: Principal) async throws {
        guard let current = try await services.records.get(id: id, in: dataset, reach: principal.reach) else { throw WebError.notFound }
        try await services.recorder.write(by: principal) { tx in
            if dataset.name == Registry.units.name {
                let (children, people) = try await ReachGuard.references(toUnit: current.record.key(in: dataset), on: tx.sql)
                if children + people > 0 {
                    throw WebError(status: .conflict, code: "unit.in_use",
                                   messageZh: "该单位下还有 \(children) 个下级单位、\(people) 名人员，不能删除；请先迁移或删除它们",
                                   messageEn: "this unit still has \(children) child units and \(people) people; move or delete them first")
                }
            }
            try await tx.delete(id: id, in: dataset)
        }
    }

    /// The same check as an import's, inside the write's transaction (no other write can move a
    /// unit between the check and the save): the new record and the row it would replace must be
    /// within reach, and the unit tree must stay a tree.
    private static func check(_ record: Record, in dataset: Dataset, reach: UnitReach, tx: WriteTransaction) async throws {
        guard ReachGuard.isNeeded(for: dataset, reach: reach) else { return }
        let reachGuard = try await ReachGuard.load(for: dataset, reach: reach, on: tx.sql)
        if let refusal = try await reachGuard.check([record], keys: [record.key(in: dataset)], on: tx.sql)[0] { throw refusal }
    }

    /// A refusal as the form shows it: out of reach is 403; a row of another unit under the same
    /// key answers as any duplicate does; a tree problem is an error on the parent field.
    private func refused(_ refusal: WriteRefusal, in dataset: Dataset) throws -> Outcome {
        switch refusal {
        case .outOfReach: throw WebError.forbidden
        case .storedOutOfReach: return .invalid([duplicate(dataset)])
        case .cycle, .ownUnitMoved:
            return .invalid([CellError(line: 0, column: refusal.column(in: dataset), value: "", code: refusal.rawValue,
                                       messageZh: refusal.messageZh, messageEn: refusal.messageEn)])
        }
    }

    private func duplicate(_ dataset: Dataset) -> CellError {
        CellError(line: 0, column: dataset.keyFields.first?.name ?? "key", value: "", code: "key.duplicate",
                  messageZh: "已有相同编码/证件号的记录", messageEn: "a record with the same key already exists")
    }
}
