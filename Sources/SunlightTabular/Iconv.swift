#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming converter over the C library's iconv.
///
/// glibc already ships a complete GB18030 table (including the four-byte sequences that cover
/// all of Unicode), so there is no reason to carry our own. The converter is fed chunk by chunk;
/// a multi-byte sequence cut by a chunk boundary is left unconsumed (iconv's `EINVAL`) and the
/// caller prepends those bytes to the next chunk.
final class Iconv {
    enum Failure: Error {
        /// The input contains a byte sequence that is not valid in the source encoding.
        case invalidSequence
        /// iconv does not know one of the encodings.
        case unsupported
    }

    private let descriptor: UnsafeMutableRawPointer
    private var output: [UInt8]

    init(from source: String, to target: String, outputCapacity: Int = 1 << 16) throws {
        let cd = iconv_open(target, source)
        guard let cd, Int(bitPattern: cd) != -1 else { throw Failure.unsupported }
        descriptor = cd
        output = [UInt8](repeating: 0, count: max(outputCapacity, 64))
    }

    deinit {
        iconv_close(descriptor)
    }

    /// Converts as much of `input` as possible, handing converted bytes to `deliver` (possibly in
    /// several pieces). Returns the number of input bytes consumed: fewer than `input.count` only
    /// when the input ends inside a multi-byte sequence. Output converted before an invalid
    /// sequence is delivered before `Failure.invalidSequence` is thrown, so a line count kept by
    /// the consumer points at the offending line.
    func convert(
        _ input: UnsafeRawBufferPointer,
        deliver: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> Int {
        guard let inputBase = input.baseAddress, input.count > 0 else { return 0 }
        var inPointer: UnsafeMutablePointer<CChar>? =
            UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        let capacity = output.count
        while inLeft > 0 {
            var failure: Failure?
            var stop = false
            let produced: Int = output.withUnsafeMutableBytes { raw in
                var outPointer: UnsafeMutablePointer<CChar>? = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = capacity
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 {
                    switch errno {
                    case E2BIG: break  // output full: deliver and go round again
                    case EINVAL: stop = true  // incomplete sequence at the end of input
                    default: failure = .invalidSequence
                    }
                }
                return capacity - outLeft
            }
            if produced > 0 {
                try output.withUnsafeBufferPointer { try deliver(UnsafeBufferPointer(rebasing: $0[0..<produced])) }
            }
            if let failure { throw failure }
            if stop { break }
        }
        return input.count - inLeft
    }

    /// Converts a complete buffer; throws `invalidSequence` if it ends inside a sequence.
    func convertAll(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(input.count * 2)
        let consumed = try convert(input) { result.append(contentsOf: $0) }
        guard consumed == input.count else { throw Failure.invalidSequence }
        return result
    }
}
