import SunlightRules

/// Rule parameters INI: parse, and for what parses, write back and parse again — the text a
/// supervisor saves must read back as the same parameters.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzINI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let parameters = try? RuleParameters(iniText: text) else { return 0 }
    let written = parameters.iniText()
    guard let again = try? RuleParameters(iniText: written) else {
        fatalError("written parameters do not read back:\n\(written)")
    }
    precondition(again == parameters, "round trip changed the parameters:\n\(written)")
    return 0
}
