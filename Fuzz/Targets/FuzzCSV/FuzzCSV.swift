@testable import SunlightTabular

/// CSV: the record parser fed the input in two chunks split where the first byte says (so
/// records, quotes and CRLF straddle chunk boundaries), under small limits so that the limit
/// paths are reached too. Any `TabularError` is a correct answer; a crash or a hang is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let split = size == 0 ? 0 : Int(input[0]) % (size + 1)
    let limits = TabularLimits(maxFieldBytes: 512, maxFieldsPerRecord: 64, maxRecordBytes: 2_048)
    var parser = CSVRecordParser(limits: limits)
    var records = 0
    do {
        try parser.feed(UnsafeBufferPointer(rebasing: input[..<split])) { _, fields in
            precondition(fields.count <= 64)
            records += 1
        }
        try parser.feed(UnsafeBufferPointer(rebasing: input[split...])) { _, fields in
            precondition(fields.count <= 64)
            records += 1
        }
        try parser.finish { _, _ in records += 1 }
    } catch is TabularError {
    } catch {
        fatalError("unexpected error \(error)")
    }
    return 0
}
