import SQLKit

/// Migration 10: each entry's leaf hash moves into its row, and nodes below level 4 are no
/// longer stored (`LowerNodes` folds them from the leaves).
///
/// The leaves are copied from the level-0 nodes (a leaf's node id is its sequence number), so
/// the tree keeps its root and every checkpoint still holds; levels 0–3 are then deleted. The
/// level is written out here, not read from `LowerNodes`: a shipped migration never changes.
enum LedgerLeafColumn {
    static func migrate(_ db: any SQLDatabase) async throws {
        try await db.raw("ALTER TABLE ledger_entries ADD COLUMN leaf_hash TEXT").run()
        try await db.raw("""
            UPDATE ledger_entries SET leaf_hash = (SELECT hash FROM ledger_nodes WHERE ledger_nodes.id = ledger_entries.seq)
            """).run()
        // Node ids are `level << 40 | index`: everything below level 4.
        try await db.raw(SQLQueryString("DELETE FROM ledger_nodes WHERE id < \(unsafeRaw: String(Int64(4) << 40))")).run()
    }
}
