import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as name → value (last value wins).
struct FormBody: Sendable {
    let values: [String: String]

    subscript(_ name: String) -> String? { values[name] }

    init(values: [String: String]) { self.values = values }

    init(text: String) {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name] = value
        }
        self.values = values
    }

    private static func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
    }

    /// Reads the request's form body (up to 1 MiB; larger gets 413).
    static func read(_ request: inout Request, context: AppRequestContext) async throws -> FormBody {
        if let cached = context.cachedForm { return cached }
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormBody(text: String(buffer: buffer))
    }
}
