import Foundation
import SQLKit
import SunlightDomain

/// The working-day calendar in force: the years shipped with Sunlight plus those an
/// administrator added from the State Council's notice (`sunlight calendar add`). A year added
/// here replaces a shipped table of the same year.
public struct CalendarStore: Sendable {
    public let recorder: Recorder

    public init(recorder: Recorder) { self.recorder = recorder }

    public func calendar() async throws -> WorkingDayCalendar {
        var calendar = WorkingDayCalendar.shipped
        for year in try await addedYears() { calendar = calendar.adding(year) }
        return calendar
    }

    public func addedYears() async throws -> [CalendarYear] {
        try await recorder.database.withConnection { db in
            try await db.select().columns("year", "holidays", "make_up_workdays").from("calendar_years").orderBy("year").all().map { row in
                let year = try row.decode(column: "year", as: Int.self)
                let holidays = try row.decode(column: "holidays", as: String.self)
                let workdays = try row.decode(column: "make_up_workdays", as: String.self)
                return try CalendarYear.parse(year: year, holidays: holidays, makeUpWorkdays: workdays)
            }
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
