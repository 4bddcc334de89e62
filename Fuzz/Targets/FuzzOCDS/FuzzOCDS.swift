import Foundation
import SunlightProcurement

/// OCDS JSON (a release package, a record package or JSON Lines): the streaming reader on one
/// thread. Any thrown error is a correct answer; a crash or a hang is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOCDS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Data(bytes: data, count: size)
    let skip = size > 0 && data[0] & 1 == 1
    let reader = OCDSReader(options: ReadOptions(skipInvalid: skip, threads: 1, collectCoverage: true))
    _ = try? reader.readAll(data: input)
    return 0
}
