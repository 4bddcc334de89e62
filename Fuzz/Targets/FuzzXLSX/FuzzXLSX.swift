import Foundation
@testable import SunlightTabular

/// XLSX, two ways chosen by the first byte: the input as a whole file (the ZIP reader, the
/// bomb checks), or the input as the worksheet XML of an otherwise valid workbook written
/// with `ZIPPartsWriter` (so mutations reach the sheet and shared-string parsers instead of
/// dying at the ZIP checksum). Small limits make the limit paths reachable. Files go to
/// /dev/shm when it exists (no disk I/O per execution).
private let directory: URL = {
    let shm = URL(fileURLWithPath: "/dev/shm")
    let base = FileManager.default.fileExists(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
    return base.appendingPathComponent("sunlight-fuzz-xlsx-\(getpid())")
}()
private let limits = TabularLimits(
    maxFieldBytes: 1_024, maxFieldsPerRecord: 128, maxRecordBytes: 8_192,
    maxPartBytes: 1 << 20, maxMetadataPartBytes: 1 << 16, maxCompressionRatio: 100, ratioGraceBytes: 1 << 16,
    maxSharedStrings: 1_000, maxSharedStringBytes: 1 << 16)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent("input.xlsx")
    let body = Data(bytes: data + 1, count: size - 1)
    do {
        if data[0] & 1 == 0 {
            try body.write(to: url)
        } else {
            let sharedStrings = Data("<sst><si><t>a</t></si><si><r><t>b</t></r></si></sst>".utf8)
            try ZIPPartsWriter.write(url: url, parts: [
                ("_rels/.rels", Data(#"<Relationships><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8)),
                ("xl/workbook.xml", Data(#"<workbook><sheets><sheet name="S" r:id="rId1" xmlns:r="r"/></sheets></workbook>"#.utf8)),
                ("xl/_rels/workbook.xml.rels", Data(#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.utf8)),
                ("xl/sharedStrings.xml", data[0] & 2 == 0 ? sharedStrings : body),
                ("xl/worksheets/sheet1.xml", body),
            ])
        }
    } catch {
        return 0
    }
    do {
        try XLSXSource(url: url, limits: limits).read(header: { _ in }, row: { row in
            precondition(row.fields.count <= 128 || row.fields.allSatisfy { $0.utf8.count <= 1_024 })
        })
    } catch is TabularError {
    } catch {
        fatalError("unexpected error \(error)")
    }
    return 0
}
