/// The holiday notices shipped with Sunlight, transcribed from the State Council notices exactly
/// as `regime.md` lists them. Later years are added by an administrator (`sunlight calendar`)
/// each November, when the next notice is published.
///
/// Written in the notice's own shorthand so that a reviewer can compare them line by line with
/// the source; `CalendarYear.parse` expands the ranges and validates the result.
enum ShippedCalendars {
    static let notices: [(year: Int, holidays: String, makeUpWorkdays: String)] = [
        (2023,
         "2022-12-31…01-02, 01-21…01-27, 04-05, 04-29…05-03, 06-22…06-24, 09-29…10-06",
         "01-28, 01-29, 04-23, 05-06, 06-25, 10-07, 10-08"),
        (2024,
         "01-01, 02-10…02-17, 04-04…04-06, 05-01…05-05, 06-10, 09-15…09-17, 10-01…10-07",
         "02-04, 02-18, 04-07, 04-28, 05-11, 09-14, 09-29, 10-12"),
        (2025,
         "01-01, 01-28…02-04, 04-04…04-06, 05-01…05-05, 05-31…06-02, 10-01…10-08",
         "01-26, 02-08, 04-27, 09-28, 10-11"),
        (2026,
         "01-01…01-03, 02-15…02-23, 04-04…04-06, 05-01…05-05, 06-19…06-21, 09-25…09-27, 10-01…10-07",
         "01-04, 02-14, 02-28, 05-09, 09-20, 10-10"),
    ]

    /// The notices as tables. The text above is fixed and covered by tests, so a parse failure
    /// here is a programming error.
    static let years: [CalendarYear] = notices.map { notice in
        do throws(ValueError) {
            return try CalendarYear.parse(year: notice.year, holidays: notice.holidays,
                                          makeUpWorkdays: notice.makeUpWorkdays)
        } catch {
            fatalError("shipped calendar \(notice.year) is invalid: \(error.messageEn)")
        }
    }
}
