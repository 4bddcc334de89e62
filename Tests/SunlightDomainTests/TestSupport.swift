import SunlightDomain

/// The code of the `ValueError` thrown by `body`, or nil if it succeeds — lets a test state the
/// expected failure in one line. (The closure is untyped-throwing because closures inside
/// `#expect` do not infer typed throws; any other error type shows up as a distinct string.)
func code<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as ValueError {
        return error.code
    } catch {
        return "not a ValueError: \(error)"
    }
}

/// Shorthand for a date known to exist.
func day(_ iso: String) -> LocalDate {
    guard let date = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return date
}
