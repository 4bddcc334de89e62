/// Memory that the texts bound to one run of a multi-row `INSERT` are copied into, so that
/// SQLite may read them in place (`SQLITE_STATIC`) instead of copying each into memory it
/// allocates and frees itself (`SQLITE_TRANSIENT`): a million imported rows bind some thirty
/// million texts, and that allocation was a tenth of the writer's time. Emptied after each
/// run; the blocks are kept, so an import allocates them once.
///
/// A block is never moved or resized while texts in it are bound: a text that does not fit in
/// the current block goes to the next (a new one if needed, at least as large as the text).
final class SQLiteBindArena {
    /// The arena's state, behind a pointer rather than in stored properties: `copy` runs for
    /// every text of every row, and the run-time exclusivity checks on a class's stored
    /// properties cost as much as the copy itself.
    private struct State {
        var blocks: [(base: UnsafeMutableRawPointer, size: Int)] = []
        /// The block being filled (an index in `blocks`), its start and size, and the bytes used in it.
        var current = 0
        var base: UnsafeMutableRawPointer?
        var size = 0
        var used = 0
    }
    private let state: UnsafeMutablePointer<State>
    static let blockSize = 256 * 1024

    init() {
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit {
        for block in state.pointee.blocks { block.base.deallocate() }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// A stable copy of `bytes`, valid until `reset`.
    func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer {
        let count = bytes.count
        if state.pointee.base == nil || state.pointee.used + count > state.pointee.size {
            advance(toFit: count)
        }
        let target = state.pointee.base! + state.pointee.used
        if count > 0 { target.copyMemory(from: bytes.baseAddress!, byteCount: count) }
        state.pointee.used += count
        return UnsafeRawPointer(target)
    }

    /// Everything copied so far may be overwritten: SQLite has finished with it.
    func reset() {
        guard let first = state.pointee.blocks.first else { return }
        state.pointee.current = 0
        state.pointee.base = first.base
        state.pointee.size = first.size
        state.pointee.used = 0
    }

    private func advance(toFit count: Int) {
        var next = state.pointee.base == nil ? 0 : state.pointee.current + 1
        while next < state.pointee.blocks.count && state.pointee.blocks[next].size < count { next += 1 }
        if next == state.pointee.blocks.count {
            let size = max(Self.blockSize, count)
            state.pointee.blocks.append((UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16), size))
        }
        state.pointee.current = next
        state.pointee.base = state.pointee.blocks[next].base
        state.pointee.size = state.pointee.blocks[next].size
        state.pointee.used = 0
    }
}
