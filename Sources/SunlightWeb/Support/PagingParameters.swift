import Hummingbird
import SunlightStorage

/// Reads `page` and `per_page` from a list's query string, the same way for every page and API
/// list: absent means the first page (and the list's own page size); anything that is not a whole
/// number in range is a 400 with a message in both languages, never a trap or a silent guess.
/// The stores clamp again (`Paging`), so no caller can make the offset overflow.
enum PagingParameters {
    static func page(_ request: Request) throws -> Int {
        try value("page", in: request, range: 1...Paging.maxPage) ?? 1
    }

    static func perPage(_ request: Request, default fallback: Int) throws -> Int {
        try value("per_page", in: request, range: 1...Paging.maxPerPage) ?? fallback
    }

    private static func value(_ name: String, in request: Request, range: ClosedRange<Int>) throws -> Int? {
        let texts = request.uri.queryParameters.getAll(name)
        guard let text = texts.first else { return nil }
        // Given twice is no whole number either (a silent pick of one would be a guess).
        guard texts.count == 1, let number = Int(text), range.contains(number) else {
            throw WebError.badRequest(
                "paging", zh: "\(name) 须为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数",
                en: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                details: [["parameter": name]])
        }
        return number
    }
}
