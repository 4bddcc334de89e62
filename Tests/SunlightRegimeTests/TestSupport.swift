import SunlightDomain
import SunlightRegime

/// Shorthand for a date known to exist.
func day(_ iso: String) -> LocalDate {
    guard let date = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return date
}

/// The code of the `ValueError` thrown by `body`, or nil if it succeeds.
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

let regime = Regime.shipped
let engine = DeadlineEngine(calendar: .shipped)

func rule(_ code: String) -> DeadlineRule {
    guard let rule = regime.deadlines.rule(code) else { fatalError("no shipped rule \(code)") }
    return rule
}

/// The due date of a shipped rule, or nil when not computable (a thrown error fails the test).
func due(_ code: String, from start: String, extensions: [DeadlineExtension] = [],
         pauses: [ClockPause] = []) throws -> LocalDate? {
    try engine.due(rule(code), from: day(start), extensions: extensions, pauses: pauses).date
}

func pause(_ from: String, _ through: String) -> ClockPause {
    ClockPause(from: day(from), through: day(through), reason: "复核听证")
}
