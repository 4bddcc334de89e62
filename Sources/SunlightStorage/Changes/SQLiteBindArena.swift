/// Memory that the texts bound to one run of a multi-row `INSERT` are copied into, so that
/// SQLite may read them in place (`SQLITE_STATIC`) instead of copying each into memory it
/// allocates and frees itself (`SQLITE_TRANSIENT`): a million imported rows bind some thirty
/// million texts, and that allocation was a tenth of the writer's time. Emptied after each
/// run; the blocks are kept, so an import allocates them once.
///
/// A block is never moved or resized while texts in it are bound: a text that does not fit in
/// the current block goes to the next (a new one if needed, at least as large as the text).
final class SQLiteBindArena {
    private var blocks: [(base: UnsafeMutableRawPointer, size: Int)] = []
    /// The block being filled and the bytes used in it.
    private var current = 0
    private var used = 0
    static let blockSize = 256 * 1024

    deinit {
        for block in blocks { block.base.deallocate() }
    }

    /// A stable copy of `bytes`, valid until `reset`.
    func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer {
        let count = bytes.count
        if blocks.isEmpty || used + count > blocks[current].size {
            advance(toFit: count)
        }
        let target = blocks[current].base + used
        if count > 0 { target.copyMemory(from: bytes.baseAddress!, byteCount: count) }
        used += count
        return UnsafeRawPointer(target)
    }

    /// Everything copied so far may be overwritten: SQLite has finished with it.
    func reset() {
        current = 0
        used = 0
    }

    private func advance(toFit count: Int) {
        var next = blocks.isEmpty ? 0 : current + 1
        while next < blocks.count && blocks[next].size < count { next += 1 }
        if next == blocks.count {
            let size = max(Self.blockSize, count)
            blocks.append((UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16), size))
        }
        current = next
        used = 0
    }
}
