import SQLKit

/// Where recorded changes go, inside the writing transaction. The seam the tamper-evident
/// ledger plugs into: it appends each change to its Merkle log in the same transaction, so a
/// change and its entry are committed together or not at all.
public protocol ChangeSink: Sendable {
    func append(_ changes: [Change], on db: any SQLDatabase) async throws
}

/// The plain change log: one row per change in `changes`.
public struct ChangeLogSink: ChangeSink {
    public init() {}

    public func append(_ changes: [Change], on db: any SQLDatabase) async throws {
        guard !changes.isEmpty else { return }
        // 9 binds per row; stay far below SQLite's and PostgreSQL's bind limits.
        for chunk in stride(from: 0, to: changes.count, by: 500) {
            var insert = db.insert(into: "changes")
                .columns("at", "actor", "action", "object_type", "object_id", "hash_before", "hash_after", "details")
            for change in changes[chunk..<min(chunk + 500, changes.count)] {
                insert = insert.values(
                    SQLBind(change.at), SQLBind(change.actor), SQLBind(change.action.rawValue),
                    SQLBind(change.objectType), SQLBind(change.objectID),
                    SQLBind(change.hashBefore), SQLBind(change.hashAfter), SQLBind(change.details))
            }
            try await insert.run()
        }
    }
}
