import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The parts of an XLSX (OOXML) package that a reader needs: where the workbook is, its sheets
/// in tab order with their part paths, and the shared-string table's path.
///
/// Paths are resolved through the relationship parts (`_rels/.rels`, `xl/_rels/workbook.xml.rels`)
/// rather than assumed, because producers other than Excel (WPS, LibreOffice, export libraries)
/// name parts differently; the conventional names are used only as fallbacks.
final class XLSXPackage {
    struct Sheet {
        let name: String
        let path: String
    }

    private let archive: Archive
    private let limits: TabularLimits
    let sheets: [Sheet]
    let sharedStringsPath: String?

    private static let relationshipTypeSuffixOfficeDocument = "/officeDocument"
    private static let relationshipTypeSuffixSharedStrings = "/sharedStrings"

    /// Opens the package in the file at `url` — the way every upload is read.
    convenience init(url: URL, limits: TabularLimits = .standard) throws {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw TabularError.unreadable(url.lastPathComponent)
        }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw TabularError.xlsxInvalid("无法作为 ZIP 打开", "cannot be opened as a ZIP archive")
        }
        try self.init(archive: archive, limits: limits)
    }

    /// Opens a package held in memory (ZIPFoundation's in-memory archive). Not used by the
    /// app: it lets the fuzz target (`Fuzz/Targets/FuzzXLSX`) skip writing and reopening a
    /// file per input. Everything after opening — relationships, limits, bomb checks — is the
    /// same code as for a file.
    ///
    /// Only for bytes known to be a well-formed ZIP (the fuzz target's generated workbooks):
    /// ZIPFoundation 0.9.20's in-memory backend traps — a crash, not an error — when a hostile
    /// archive's offsets point past the end of the data (`MemoryFile.readData` builds a range
    /// with a negative length), where the file backend just reads short and the entry is refused.
    convenience init(data: Data, limits: TabularLimits = .standard) throws {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw TabularError.xlsxInvalid("无法作为 ZIP 打开", "cannot be opened as a ZIP archive")
        }
        try self.init(archive: archive, limits: limits)
    }

    private init(archive: Archive, limits: TabularLimits) throws {
        self.archive = archive
        self.limits = limits

        // The workbook part, from the package relationships.
        var workbookPath = "xl/workbook.xml"
        if let rootRels = try Self.data(limits: limits, of: "_rels/.rels", in: archive),
           let relationships = ElementCollector.collect(rootRels, wanted: ["Relationship"]) {
            for relationship in relationships.map(\.attributes)
            where relationship["Type"]?.hasSuffix(Self.relationshipTypeSuffixOfficeDocument) == true {
                if let target = relationship["Target"] {
                    workbookPath = Self.resolve(target, relativeTo: "")
                }
                break
            }
        }
        guard let workbookData = try Self.data(limits: limits, of: workbookPath, in: archive) else {
            throw TabularError.xlsxInvalid("缺少工作簿（\(workbookPath)）", "no workbook part (\(workbookPath))")
        }
        guard let sheetElements = ElementCollector.collect(workbookData, wanted: ["sheet"]) else {
            throw TabularError.xlsxInvalid("工作簿 XML 无法解析", "the workbook XML cannot be parsed")
        }

        // The workbook's relationships: sheet ids → part paths, and the shared strings.
        let workbookDirectory = (workbookPath as NSString).deletingLastPathComponent
        let workbookRelsPath = Self.join(workbookDirectory, "_rels/" + (workbookPath as NSString).lastPathComponent + ".rels")
        var targets: [String: String] = [:]
        var sharedStrings: String?
        if let relsData = try Self.data(limits: limits, of: workbookRelsPath, in: archive),
           let relationships = ElementCollector.collect(relsData, wanted: ["Relationship"]) {
            for relationship in relationships.map(\.attributes) {
                guard let id = relationship["Id"], let target = relationship["Target"] else { continue }
                if relationship["TargetMode"] == "External" { continue }
                let path = Self.resolve(target, relativeTo: workbookDirectory)
                targets[id] = path
                if relationship["Type"]?.hasSuffix(Self.relationshipTypeSuffixSharedStrings) == true {
                    sharedStrings = path
                }
            }
        }

        var sheets: [Sheet] = []
        for (index, element) in sheetElements.enumerated() {
            let name = element.attributes["name"] ?? "Sheet\(index + 1)"
            let relationshipID = XMLSupport.attribute("id", in: element.attributes)
            let path = relationshipID.flatMap { targets[$0] } ?? Self.join(workbookDirectory, "worksheets/sheet\(index + 1).xml")
            sheets.append(Sheet(name: name, path: path))
        }
        self.sheets = sheets

        if sharedStrings == nil {
            let conventional = Self.join(workbookDirectory, "sharedStrings.xml")
            if Self.entry(conventional, in: archive) != nil { sharedStrings = conventional }
        }
        self.sharedStringsPath = sharedStrings
    }

    /// The sheet named `preferred` (case-insensitively, ignoring surrounding spaces), else the first.
    func sheet(preferred: String?) throws -> Sheet {
        guard let first = sheets.first else {
            throw TabularError.xlsxInvalid("工作簿中没有工作表", "the workbook has no sheets")
        }
        if let preferred {
            let wanted = preferred.trimmingCharacters(in: .whitespaces)
            if let match = sheets.first(where: {
                $0.name.trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(wanted) == .orderedSame
            }) {
                return match
            }
        }
        return first
    }

    /// Extracts a part to a temporary file, runs `body` on its URL, and deletes the file.
    ///
    /// Why a temporary file: ZIPFoundation only *pushes* decompressed data (a consumer closure),
    /// while Foundation's `XMLParser` only *pulls* (from `Data` or an `InputStream`); its
    /// `InputStream` initialiser parses incrementally with libxml2's push parser. Extracting to
    /// disk and streaming the file back keeps memory bounded by the parser's buffer whatever
    /// the sheet's size — simpler and more robust than a pipe fed by a second thread.
    ///
    /// The disk it costs is bounded: the part is inflated through `BoundedInflation`, which
    /// refuses a bomb on its declared sizes before writing anything and stops writing the
    /// moment the running count passes `TabularLimits.maxPartBytes`, the compression-ratio
    /// allowance or the declared size (a header may lie; the count cannot).
    func withExtractedPart<T>(_ path: String, _ body: (URL) throws -> T) throws -> T {
        guard let entry = Self.entry(path, in: archive) else {
            throw TabularError.xlsxInvalid("缺少部件 \(path)", "missing part \(path)")
        }
        var inflation = try BoundedInflation(entry: entry, path: path, limit: limits.maxPartBytes, limits: limits)
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("sunlight-xlsx-\(UUID().uuidString).xml")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw TabularError.unreadable("cannot create a temporary file for \(path)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            defer { try? handle.close() }
            _ = try archive.extract(entry, bufferSize: 64 << 10) { chunk in
                try inflation.count(chunk)
                try handle.write(contentsOf: chunk)
            }
            try inflation.finish()
        } catch let error as TabularError {
            throw error
        } catch {
            throw TabularError.xlsxInvalid("无法解压 \(path)", "cannot decompress \(path)")
        }
        return try body(temporary)
    }

    // MARK: - Helpers

    /// A part's bytes, for the small parts (relationships, workbook); nil when absent. Bounded
    /// by `TabularLimits.maxMetadataPartBytes` like `withExtractedPart` by `maxPartBytes`.
    private static func data(limits: TabularLimits, of path: String, in archive: Archive) throws -> Data? {
        guard let entry = entry(path, in: archive) else { return nil }
        var inflation = try BoundedInflation(entry: entry, path: path, limit: limits.maxMetadataPartBytes, limits: limits)
        var data = Data()
        do {
            _ = try archive.extract(entry, bufferSize: 64 << 10) { chunk in
                try inflation.count(chunk)
                data.append(chunk)
            }
            try inflation.finish()
        } catch let error as TabularError {
            throw error
        } catch {
            throw TabularError.xlsxInvalid("无法解压 \(path)", "cannot decompress \(path)")
        }
        return data
    }

    /// Looks a part up by exact name, then case-insensitively (part names are case-insensitive in OPC).
    private static func entry(_ path: String, in archive: Archive) -> Entry? {
        if let entry = archive[path] { return entry }
        let lowered = path.lowercased()
        return archive.first { $0.path.lowercased() == lowered }
    }

    /// Resolves a relationship target: absolute ("/xl/…") from the package root, otherwise
    /// relative to `directory`, with "." and ".." segments collapsed.
    static func resolve(_ target: String, relativeTo directory: String) -> String {
        let combined = target.hasPrefix("/") ? String(target.dropFirst()) : join(directory, target)
        var segments: [Substring] = []
        for segment in combined.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory + "/" + name
    }
}

/// The running byte count of one part being inflated, refusing zip bombs before and while
/// inflating.
///
/// Before: the central directory's declared sizes must be within `limit` and, past
/// `ratioGraceBytes`, within `maxCompressionRatio` of the compressed size. While: every chunk
/// is counted and the inflation is aborted (by throwing from ZIPFoundation's consumer, which
/// stops it) as soon as the total passes the least of `limit`, the declared size and the ratio
/// allowance — the header alone is never trusted, since a bomb can declare 1 byte.
struct BoundedInflation {
    let path: String
    let limits: TabularLimits
    /// Bytes that may be inflated before `ratioCap` applies.
    private let sizeCap: Int64
    private let declared: Int64
    private let ratioCap: Int64
    private(set) var inflated: Int64 = 0
    private var prolog = XMLPrologGuard()
    private var instructions = ProcessingInstructionGuard()
    /// The end of the previous chunk when it cut a UTF-8 sequence (at most 3 bytes).
    private var utf8Carry: [UInt8] = []

    init(entry: Entry, path: String, limit: Int64, limits: TabularLimits) throws {
        self.path = path
        self.limits = limits
        let declared = Int64(clamping: entry.uncompressedSize)
        let compressed = Int64(clamping: entry.compressedSize)
        if declared > limit {
            throw TabularError.partTooLarge(path, limit: limit)
        }
        let (product, overflow) = compressed.multipliedReportingOverflow(by: limits.maxCompressionRatio)
        let allowance = max(limits.ratioGraceBytes, overflow ? Int64.max : product)
        if declared > allowance {
            throw TabularError.compressionRatio(path, limit: limits.maxCompressionRatio)
        }
        self.sizeCap = limit
        self.declared = declared
        self.ratioCap = allowance
    }

    mutating func count(_ chunk: Data) throws {
        inflated += Int64(chunk.count)
        if inflated > sizeCap {
            throw TabularError.partTooLarge(path, limit: sizeCap)
        }
        if inflated > declared || inflated > ratioCap {
            throw TabularError.compressionRatio(path, limit: limits.maxCompressionRatio)
        }
        try checkUTF8(chunk)
        if !prolog.isDone {
            let ok = chunk.withUnsafeBytes { prolog.feed($0) }
            guard ok else {
                throw TabularError.xlsxInvalid("部件 \(path) 含有 DTD 声明（OOXML 不允许）", "part \(path) has a DTD declaration (not allowed in OOXML)")
            }
        }
        let noEmptyInstruction = chunk.withUnsafeBytes { instructions.feed($0) }
        guard noEmptyInstruction else {
            throw TabularError.xlsxInvalid(
                "部件 \(path) 含有无内容的处理指令（<?名称?>）", "part \(path) has a processing instruction without data (<?name?>)")
        }
    }
}

extension BoundedInflation {
    /// Refuses bytes that are not UTF-8, chunk by chunk (a sequence may straddle two chunks).
    ///
    /// Why: Foundation's `XMLParser` on Linux traps (a crash of the whole server, not an
    /// error) on an element name that is not valid UTF-8 — found by fuzzing, issue 18. Every
    /// part Excel, WPS and LibreOffice write is UTF-8; a UTF-16 part is refused with the same
    /// error, which no real workbook has been seen to need.
    fileprivate mutating func checkUTF8(_ chunk: Data) throws {
        let outcome: UTF8Validation.Outcome
        if utf8Carry.isEmpty {
            outcome = chunk.withUnsafeBytes { UTF8Validation.validate($0.bindMemory(to: UInt8.self)) }
            if case .truncated(let at) = outcome { utf8Carry = Array(chunk[(chunk.startIndex + at)...]) }
        } else {
            var combined = utf8Carry
            combined.append(contentsOf: chunk)
            outcome = combined.withUnsafeBufferPointer { UTF8Validation.validate($0) }
            utf8Carry = []
            if case .truncated(let at) = outcome { utf8Carry = Array(combined[at...]) }
        }
        if outcome == .invalid { throw notUTF8 }
    }

    /// The part ended: a sequence still cut off is invalid.
    mutating func finish() throws {
        if !utf8Carry.isEmpty { throw notUTF8 }
    }

    private var notUTF8: TabularError {
        TabularError.xlsxInvalid("部件 \(path) 不是有效的 UTF-8 文本", "part \(path) is not valid UTF-8 text")
    }
}

/// Refuses a DTD (`<!DOCTYPE …>`) in a part's prolog, before the XML parser sees it.
///
/// OPC (ECMA-376 Part 2, §8.1.4) forbids DTD declarations in package parts, so no real
/// workbook has one; a hostile one would use it for entity expansion ("billion laughs": a few
/// hundred bytes that expand to gigabytes inside the parser, past every limit counted here).
/// Scans only the prolog — the XML declaration, comments, processing instructions and white
/// space before the root element — and is done at the first element's `<`.
struct XMLPrologGuard {
    private enum State { case text, lessThan, bang, comment, instruction, done }
    private var state = State.text
    /// In a comment: trailing dashes seen; in a processing instruction: whether `?` was last.
    private var mark = 0

    var isDone: Bool { state == .done }

    /// False when a DTD declaration starts.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes {
            switch state {
            case .text:
                if byte == 0x3C { state = .lessThan }  // <
            case .lessThan:
                switch byte {
                case 0x3F: state = .instruction; mark = 0  // <?
                case 0x21: state = .bang  // <!
                default: state = .done; return true  // the root element
                }
            case .bang:
                guard byte == 0x2D else { return false }  // <!- (a comment), else <!DOCTYPE and kin
                state = .comment
                mark = 0
            case .comment:
                if byte == 0x2D {
                    mark += 1
                } else if byte == 0x3E && mark >= 2 {
                    state = .text
                } else {
                    mark = 0
                }
            case .instruction:
                if byte == 0x3E && mark == 1 { state = .text } else { mark = byte == 0x3F ? 1 : 0 }
            case .done:
                return true
            }
        }
        return true
    }
}

/// Refuses a processing instruction without data (`<?target?>`) anywhere in a part.
///
/// Why: libxml2 reports such an instruction with a NULL data pointer, and Foundation's
/// `XMLParser` on Linux hands that pointer to `strlen` (`_NSXMLParserProcessingInstruction`,
/// whenever a delegate is set) — a segmentation fault that kills the whole server, not an
/// error. Found by fuzzing (issue 18): a sheet part of five bytes, `<?x?>`. No producer writes
/// one (the XML declaration, the only instruction Excel writes, is not reported as one and has
/// data anyway); `<?target data?>` and `<?target ?>` (empty data, not NULL) are left alone.
///
/// Comments and CDATA sections are skipped, as the parser skips them; elsewhere `<?` starts an
/// instruction whose target runs to the first white space, and one whose `?>` comes before any
/// white space is refused. On a malformed part this may refuse more than libxml2 would report,
/// never less. Fed chunk by chunk (an instruction may straddle two).
struct ProcessingInstructionGuard {
    private enum State {
        case text, lessThan, target, targetQuestion, data, dataQuestion
        case bang, bangDash, comment, cdataOpen, cdata
    }
    private var state = State.text
    /// In a comment: trailing dashes seen; in a CDATA section: trailing `]`s seen; opening a
    /// CDATA section: bytes of `[CDATA[` matched.
    private var mark = 0
    private static let cdataOpening: [UInt8] = Array("[CDATA[".utf8)

    /// False when an instruction without data ends.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            if state == .text {
                // Fast path: nothing matters in text until the next `<`.
                guard let base = bytes.baseAddress,
                      let found = memchr(base + index, 0x3C, count - index) else { return true }
                index = base.distance(to: UnsafeRawPointer(found)) + 1
                state = .lessThan
                continue
            }
            let byte = bytes[index]
            index += 1
            switch state {
            case .text:
                break
            case .lessThan:
                switch byte {
                case 0x3F: state = .target  // <?
                case 0x21: state = .bang  // <!
                case 0x3C: break  // <<: still after a <
                default: state = .text
                }
            case .target:
                if byte == 0x3F {
                    state = .targetQuestion
                } else if Self.isWhiteSpace(byte) {
                    state = .data
                }
            case .targetQuestion:
                if byte == 0x3E { return false }  // <?target?> — no data
                if Self.isWhiteSpace(byte) {
                    state = .data
                } else if byte != 0x3F {
                    state = .target
                }
            case .data:
                if byte == 0x3F { state = .dataQuestion }
            case .dataQuestion:
                if byte == 0x3E {
                    state = .text
                } else if byte != 0x3F {
                    state = .data
                }
            case .bang:
                switch byte {
                case 0x2D: state = .bangDash  // <!-
                case 0x5B: state = .cdataOpen; mark = 1  // <![
                default: reenterText(byte)
                }
            case .bangDash:
                if byte == 0x2D { state = .comment; mark = 0 } else { reenterText(byte) }  // <!--
            case .comment:
                if byte == 0x2D {
                    mark += 1
                } else if byte == 0x3E && mark >= 2 {
                    state = .text  // -->
                } else {
                    mark = 0
                }
            case .cdataOpen:
                if byte == Self.cdataOpening[mark] {
                    mark += 1
                    if mark == Self.cdataOpening.count { state = .cdata; mark = 0 }
                } else {
                    reenterText(byte)
                }
            case .cdata:
                if byte == 0x5D {
                    mark += 1
                } else if byte == 0x3E && mark >= 2 {
                    state = .text  // ]]>
                } else {
                    mark = 0
                }
            }
        }
        return true
    }

    /// Back in text after a `<!` that opened neither a comment nor a CDATA section; the byte
    /// that ended it may itself open a tag.
    private mutating func reenterText(_ byte: UInt8) {
        state = byte == 0x3C ? .lessThan : .text
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
