import Foundation
import SQLKit
import SunlightDomain

/// The working-day calendar in force: the years shipped with Sunlight plus those an
/// administrator added from the State Council's notice (`sunlight calendar add`). A year added
/// here replaces a shipped table of the same year — and so the provisional year
/// (`ProvisionalYear`) the deadline engine computes for a year without any notice: deadlines
/// computed after the notice is entered are exact, nothing provisional is stored. The calendar
/// returned holds the notices alone; `DeadlineEngine` and the calculators add the provisional
/// years (`withProvisionalYears()`), supervision rules do not.
public struct CalendarStore: Sendable {
    public let recorder: Recorder

    public init(recorder: Recorder) { self.recorder = recorder }

    public func calendar() async throws -> WorkingDayCalendar {
        Self.calendar(adding: try await addedYears())
    }

    public func addedYears() async throws -> [CalendarYear] {
        try await Self.addedYears(in: recorder.database)
    }

    /// The reminder for administrators on `today` (from 1 November, the next year's notice;
    /// all year, a current year never entered): `nil` when nothing is due. For pages and
    /// commands that show the calendar.
    public func missingNotice(today: LocalDate = .today()) async throws -> CalendarNotice.Warning? {
        CalendarNotice.warning(today: today, calendar: try await calendar())
    }

    /// The calendar in force read from `database` as it is — no migration, no ledger, no write —
    /// for calculations that must not change anything (`sunlight calendar add-working-days`).
    /// A database whose schema has no `calendar_years` table yet (never migrated that far)
    /// has added no years: the shipped ones apply.
    public static func calendar(readingOnly database: SunlightDatabase) async throws -> WorkingDayCalendar {
        guard try await hasCalendarTable(database) else { return .shipped }
        return calendar(adding: try await addedYears(in: database))
    }

    /// The calendar for a calculation (`sunlight calendar add-working-days`), which must leave
    /// nothing behind: with no SQLite file at `location` the shipped notices, without creating
    /// the file (or its ledger key); with a database there, its entered years too, read as it is
    /// (`calendar(readingOnly:)`, no migration, no write). Add `withProvisionalYears()` to count
    /// past the last notice.
    public static func calendar(forCalculationAt location: DatabaseLocation) async throws -> WorkingDayCalendar {
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            return .shipped
        }
        let database = try await SunlightDatabase.open(location, sharing: .sequential)
        do {
            let calendar = try await calendar(readingOnly: database)
            await database.shutdown()
            return calendar
        } catch {
            await database.shutdown()
            throw error
        }
    }

    static func calendar(adding years: [CalendarYear]) -> WorkingDayCalendar {
        var calendar = WorkingDayCalendar.shipped
        for year in years { calendar = calendar.adding(year) }
        return calendar
    }

    static func addedYears(in database: SunlightDatabase) async throws -> [CalendarYear] {
        try await database.withConnection { db in
            try await db.select().columns("year", "holidays", "make_up_workdays").from("calendar_years").orderBy("year").all().map { row in
                let year = try row.decode(column: "year", as: Int.self)
                let holidays = try row.decode(column: "holidays", as: String.self)
                let workdays = try row.decode(column: "make_up_workdays", as: String.self)
                return try CalendarYear.parse(year: year, holidays: holidays, makeUpWorkdays: workdays)
            }
        }
    }

    /// Whether the schema has `calendar_years`, asked of the catalogue rather than by a SELECT
    /// that fails, so that a real error (a locked or damaged file) is not taken for "no table".
    static func hasCalendarTable(_ database: SunlightDatabase) async throws -> Bool {
        let query: SQLQueryString = switch database.kind {
        case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'calendar_years'"
        case .postgres: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'calendar_years'"
        }
        return try await database.withConnection { db in
            try await db.raw(query).first() != nil
        }
    }

    /// Validates and stores a year (replacing an earlier entry of the same year); in the ledger.
    @discardableResult
    public func add(year: Int, holidays: String, makeUpWorkdays: String, by principal: Principal) async throws -> CalendarYear {
        let table = try CalendarYear.parse(year: year, holidays: holidays, makeUpWorkdays: makeUpWorkdays)
        let canonicalHolidays = table.holidays.map(\.iso).joined(separator: ", ")
        let canonicalWorkdays = table.makeUpWorkdays.map(\.iso).joined(separator: ", ")
        try await recorder.write(by: principal) { tx in
            try await tx.sql.delete(from: "calendar_years").where("year", .equal, year).run()
            let now = Timestamps.now()
            try await tx.sql.insert(into: "calendar_years").columns("year", "holidays", "make_up_workdays", "added_by", "added_at")
                .values(SQLBind(year), SQLBind(canonicalHolidays), SQLBind(canonicalWorkdays), SQLBind(principal.username), SQLBind(now)).run()
            try await tx.record([Change(at: now, actor: principal.username, action: .calendar, objectType: "calendar_years",
                                        objectID: String(year), hashAfter: ReportStore.digest(canonicalHolidays + "|" + canonicalWorkdays),
                                        details: ScanStore.json(["holidays": String(table.holidays.count),
                                                                 "make_up_workdays": String(table.makeUpWorkdays.count)]))])
        }
        return table
    }
}
