import SQLKit

/// Where recorded changes go, inside the writing transaction: the seam between the write path
/// and the tamper-evident ledger (`LedgerSink`), which appends each change to its Merkle log in
/// the same transaction, so a change and its entry are committed together or not at all.
public protocol ChangeSink: Sendable {
    func append(_ changes: [Change], on db: any SQLDatabase) async throws
}
