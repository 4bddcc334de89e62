import Foundation
@testable import SunlightTabular

/// XLSX, two ways chosen by the first byte: the input as a whole file (the ZIP reader, the
/// bomb checks), or the input as the worksheet XML of an otherwise valid workbook written
/// with `ZIPPartsWriter` (so mutations reach the sheet and shared-string parsers instead of
/// dying at the ZIP checksum). Small limits make the limit paths reachable.
///
/// The valid workbook is built and read in memory (`ZIPPartsWriter.data`, `XLSXSource(data:)`)
/// — no file to write and reopen per input — with its parts stored, not deflated (deflating
/// five parts per input was 40 % of the time; inflation is reached by the raw inputs). The raw bytes still go through a file, as uploads
/// do: ZIPFoundation's in-memory backend traps on an offset past the end of the data (its
/// `MemoryFile.readData` builds a negative range) where the file backend the app uses just
/// reads short, so fuzzing raw bytes in memory would report crashes the app cannot have.
/// Files go to /dev/shm when it exists (no disk I/O per execution); `scripts/fuzz.sh` also
/// points `TMPDIR` there for the parts `XLSXPackage.withExtractedPart` extracts.
private let directory: URL = {
    let shm = URL(fileURLWithPath: "/dev/shm")
    let base = FileManager.default.fileExists(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
    return base.appendingPathComponent("sunlight-fuzz-xlsx-\(getpid())")
}()
private let limits = TabularLimits(
    maxFieldBytes: 1_024, maxFieldsPerRecord: 128, maxRecordBytes: 8_192,
    maxPartBytes: 1 << 20, maxMetadataPartBytes: 1 << 16, maxCompressionRatio: 100, ratioGraceBytes: 1 << 16,
    maxSharedStrings: 1_000, maxSharedStringBytes: 1 << 16)
private let sharedStrings = Data("<sst><si><t>a</t></si><si><r><t>b</t></r></si></sst>".utf8)
private let rootRelationships = Data(#"<Relationships><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8)
private let workbook = Data(#"<workbook><sheets><sheet name="S" r:id="rId1" xmlns:r="r"/></sheets></workbook>"#.utf8)
private let workbookRelationships = Data(#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let body = Data(bytes: data + 1, count: size - 1)
    let source: XLSXSource
    do {
        if data[0] & 1 == 0 {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let url = directory.appendingPathComponent("input.xlsx")
            try body.write(to: url)
            source = XLSXSource(url: url, limits: limits)
        } else {
            source = XLSXSource(data: try ZIPPartsWriter.data(parts: [
                ("_rels/.rels", rootRelationships),
                ("xl/workbook.xml", workbook),
                ("xl/_rels/workbook.xml.rels", workbookRelationships),
                ("xl/sharedStrings.xml", data[0] & 2 == 0 ? sharedStrings : body),
                ("xl/worksheets/sheet1.xml", body),
            ], compressed: false), limits: limits)
        }
    } catch {
        return 0
    }
    do {
        try source.read(header: { _ in }, row: { row in
            precondition(row.fields.count <= 128 || row.fields.allSatisfy { $0.utf8.count <= 1_024 })
        })
    } catch is TabularError {
    } catch {
        fatalError("unexpected error \(error)")
    }
    return 0
}
