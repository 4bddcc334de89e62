/// A tree head in the c2sp.org/tlog-checkpoint format: the signed statement "the log named
/// `origin` had `size` entries and root `rootHash`".
///
/// The body is the note text
///
///     <origin>\n
///     <size in decimal, no leading zeros>\n
///     <base64 root hash>\n
///     [<extension line>\n ...]
///
/// and a signed checkpoint is that body wrapped in a `SignedNote`. Because the log must never
/// sign two checkpoints that are inconsistent with each other, anyone holding two signed
/// checkpoints plus a consistency proof can hold the operator to its history.
public struct Checkpoint: Hashable, Sendable {
    /// Identity of the log; conventionally equal to the signing key's name.
    public let origin: String
    /// Number of entries in the tree.
    public let size: Int
    /// `MTH` of those entries.
    public let rootHash: TreeHash
    /// Optional opaque lines after the root (the spec discourages them; Sunlight writes none).
    public let extensionLines: [String]

    /// Validates the parts so that `body` is always a well-formed checkpoint: non-empty origin
    /// and extension lines without control characters or newlines, and a non-negative size.
    public init(origin: String, size: Int, rootHash: TreeHash, extensionLines: [String] = []) throws {
        guard Self.isValidLine(origin) else {
            throw LedgerError.malformedCheckpoint("origin must be a non-empty line without control characters")
        }
        guard size >= 0 else { throw LedgerError.malformedCheckpoint("tree size must not be negative") }
        guard extensionLines.allSatisfy(Self.isValidLine) else {
            throw LedgerError.malformedCheckpoint("extension lines must be non-empty lines without control characters")
        }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensionLines = extensionLines
    }

    /// The note text that gets signed.
    public var body: String {
        ([origin, String(size), rootHash.base64] + extensionLines).map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint body (the text of a signed note, *after* its signature was verified).
    public static func parse(body: String) throws -> Checkpoint {
        let bytes = Array(body.utf8)
        guard bytes.last == 0x0A else { throw LedgerError.malformedCheckpoint("body must end with a newline") }
        let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 3 else {
            throw LedgerError.malformedCheckpoint("expected origin, tree size and root hash lines")
        }
        guard let size = parseSize(lines[1]) else {
            throw LedgerError.malformedCheckpoint("tree size must be decimal without sign or leading zeros")
        }
        guard let root = TreeHash(base64: lines[2]) else {
            throw LedgerError.malformedCheckpoint("root hash must be base64 of 32 bytes")
        }
        return try Checkpoint(origin: lines[0], size: size, rootHash: root, extensionLines: Array(lines.dropFirst(3)))
    }

    /// Signs the body with `key`, returning the signed note text to publish.
    public func sign(with key: LedgerSigningKey) throws -> String {
        try SignedNote.sign(body: body, keys: [key])
    }

    /// Verifies a signed checkpoint against trusted keys and parses it. When `expectedOrigin`
    /// is given, a checkpoint of any other log is refused even if a trusted key signed it.
    public static func open(
        signedText: String,
        verifiers: [NoteVerifierKey],
        expectedOrigin: String? = nil
    ) throws -> Checkpoint {
        let note = try SignedNote.open(text: signedText, verifiers: verifiers)
        let checkpoint = try parse(body: note.text)
        if let expectedOrigin, checkpoint.origin != expectedOrigin {
            throw LedgerError.unexpectedOrigin(expected: expectedOrigin, actual: checkpoint.origin)
        }
        return checkpoint
    }

    private static func isValidLine(_ line: String) -> Bool {
        !line.isEmpty && !line.utf8.contains { $0 < 0x20 }
    }

    /// ASCII decimal, no sign, no leading zeros except "0" itself, no overflow.
    private static func parseSize(_ text: String) -> Int? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        guard digits.count == 1 || digits[0] != UInt8(ascii: "0") else { return nil }
        var value = 0
        for digit in digits {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
