/// A page of a list: which page, how many per page, and where it starts.
///
/// Every list query computes its `LIMIT`/`OFFSET` here and nowhere else. The bounds make the
/// arithmetic safe for any input (`?page=9223372036854775807` once trapped on `(page - 1) *
/// perPage` and stopped the server): a page past the last simply comes back empty. The web layer
/// refuses such a request with a clear message before it gets here (`PagingParameters`); this
/// type is the floor that holds whatever a caller passes.
public struct Paging: Sendable, Equatable {
    /// Beyond any real list (a province's benefit rolls at 500 a page is 20,000 pages).
    public static let maxPage = 1_000_000
    public static let maxPerPage = 500

    public let page: Int
    public let perPage: Int

    /// Clamps `page` to 1…`maxPage` and `perPage` to 1…`maxPerPage`.
    public init(page: Int, perPage: Int) {
        self.page = min(max(1, page), Self.maxPage)
        self.perPage = min(max(1, perPage), Self.maxPerPage)
    }

    /// The first row's offset: at most 499,999,500, far from overflowing.
    public var offset: Int { (page - 1) * perPage }
}
