import ArgumentParser
import Foundation
import SunlightDomain
import SunlightStorage

/// `sunlight calendar`: the State Council working-day calendar the deadlines run on — list the
/// years in force, add next year's from the November notice, and compute due dates by hand.
///
/// Only `add` opens (creates, migrates) the database and the ledger: it writes. `list` and the
/// calculators read the calendar without changing anything — with no database file they use
/// the shipped notices and the provisional years, and create no file.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The working-day calendar (国务院节假日安排): list, add a year, count days.",
        subcommands: [List.self, Add.self, AddWorkingDays.self, AddDays.self]
    )

    /// The calendar in force for `options`' database (shipped years plus those added, and the
    /// provisional years), read without creating or migrating anything.
    static func calendar(_ options: DatabaseOptions) async throws -> WorkingDayCalendar {
        try await CalendarStore.calendar(forCalculationAt: options.location).withProvisionalYears()
    }

    static func date(_ text: String) throws -> LocalDate {
        guard let date = try? DateParsing.date(text) else {
            throw ValidationError("日期无法识别 / not a date: \(text)")
        }
        return date
    }

    /// The reminder to enter next year's notice (from 1 November), on standard error so that
    /// the calculators' standard output stays the date.
    static func warnIfNoticeMissing(_ calendar: WorkingDayCalendar, today: LocalDate = .today()) {
        guard let warning = CalendarNotice.warning(today: today, calendar: calendar) else { return }
        FileHandle.standardError.write(Data("提醒：\(warning.messageZh)\nnote: \(warning.messageEn)\n".utf8))
    }

    /// The due date, and on a second line whether it is provisional and why.
    static func printDue(_ due: LocalDate, provisionalYears: [Int]) {
        print(due.iso)
        guard !provisionalYears.isEmpty else { return }
        let zh = provisionalYears.map(String.init).joined(separator: "、")
        let en = provisionalYears.map(String.init).joined(separator: ", ")
        print("暂定 provisional：尚未录入 \(zh) 年国务院节假日安排，按法定节假日（含补假、不含调休）计算 / "
              + "the State Council holiday notice for \(en) is not entered; counted on the statutory holidays (with 补假, without 调休)")
    }

    static func notComputable() -> ExitCode {
        CommandSupport.printError("无法计算：所需日期不在工作日历范围内（2023 年以前或 2100 年以后），请用 `sunlight calendar add` 添加该年",
                                  "not computable: a day it needs is outside the calendar (before 2023 or after 2100); add the year with `sunlight calendar add`")
        return ExitCode(65)
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the years in force with their holidays and make-up workdays, and the provisional years.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let calendar = try await CalendarCommand.calendar(database)
            for year in calendar.years {
                print("\(year.year)")
                print("  holidays 放假: " + year.holidays.map(\.iso).joined(separator: ", "))
                print("  make-up workdays 调休上班: " + year.makeUpWorkdays.map(\.iso).joined(separator: ", "))
            }
            // The years without a notice up to next year: what deadlines run on until it is entered.
            let today = LocalDate.today()
            let last = calendar.years.last?.year ?? today.year
            for year in (last + 1)...max(last + 1, today.year + 1) {
                guard let provisional = calendar.provisionalYear(year) else { continue }
                print("\(year) 暂定 provisional (no notice entered: statutory holidays, 补假, no 调休)")
                print("  holidays 放假: " + provisional.daysOff.map(\.iso).joined(separator: ", "))
                print("  made up 补假: " + provisional.makeUpDaysOff.map { "\($0.date.iso) (for \($0.madeUpFor.iso))" }
                    .joined(separator: ", "))
            }
            CalendarCommand.warnIfNoticeMissing(calendar, today: today)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add (or replace) a year from the State Council notice.",
            discussion: """
                Days as the notice writes them: ranges with … (or ~ / 至), MM-DD in the year, or full dates.
                Example: sunlight calendar add 2027 --holidays "01-01…01-03, 02-06…02-14" --workdays "02-20"
                The year replaces its provisional calendar: deadlines computed from now on are exact.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The year, e.g. 2027.") var year: Int
        @Option(name: .long, help: "Days off, including weekend days inside a holiday run.") var holidays: String
        @Option(name: .long, help: "Weekend days that are working days (调休上班).") var workdays: String = ""
        @Option(name: .long, help: "Recorded in the ledger as the one who added it.") var actor: String = "operator"

        func run() async throws {
            do {
                let (table, calendar, recounted) = try await CommandSupport.withWorkspace(database) { workspace in
                    let recorder = Recorder(ledger: workspace.ledger)
                    let store = CalendarStore(recorder: recorder)
                    let table = try await store.add(year: year, holidays: holidays, makeUpWorkdays: workdays, by: .system(actor))
                    let recounted = try await ClueStore.recountOpenDeadlines(touching: year, recorder: recorder, by: .system(actor))
                    return (table, try await store.calendar(), recounted)
                }
                print("已添加 \(table.year) 年：\(table.holidays.count) 个假日，\(table.makeUpWorkdays.count) 个调休上班日（已记入账本）")
                print("added \(table.year): \(table.holidays.count) holidays, \(table.makeUpWorkdays.count) make-up workdays (in the ledger)")
                print("重新计算的未办结期限：\(recounted) 个 / open deadlines recounted: \(recounted)")
                CalendarCommand.warnIfNoticeMissing(calendar)
            } catch let error as ValueError {
                CommandSupport.printError(error.messageZh, error.messageEn)
                throw ExitCode(65)
            }
        }
    }

    struct AddWorkingDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-working-days",
            abstract: "The N-th working day after DATE (the day itself not counted), e.g. `add-working-days 2025-09-26 15`.",
            discussion: "A calculation: creates no database; reads the added years of one that exists at --database.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The start date (the day of receipt).") var date: String
        @Argument(help: "N working days.") var days: Int

        func run() async throws {
            let start = try CalendarCommand.date(date)
            let calendar = try await CalendarCommand.calendar(database)
            guard let due = calendar.addingWorkingDays(days, to: start) else { throw CalendarCommand.notComputable() }
            // The days counted: (start, due] forwards, [due, start) backwards.
            let counted = days >= 0 ? (start.adding(days: min(days, 1)), due) : (due, start.adding(days: -1))
            CalendarCommand.printDue(due, provisionalYears: calendar.provisionalYears(from: counted.0, through: max(counted.0, counted.1)))
            CalendarCommand.warnIfNoticeMissing(calendar)
        }
    }

    struct AddDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-days",
            abstract: "DATE + N calendar days, moved to the next working day if it falls on a day off.",
            discussion: "A calculation: creates no database; reads the added years of one that exists at --database.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The start date.") var date: String
        @Argument(help: "N calendar days.") var days: Int

        func run() async throws {
            let start = try CalendarCommand.date(date)
            let calendar = try await CalendarCommand.calendar(database)
            guard let due = calendar.addingDays(days, to: start) else { throw CalendarCommand.notComputable() }
            // Only the move off a day off depends on the calendar: [start + N, due].
            CalendarCommand.printDue(due, provisionalYears: calendar.provisionalYears(from: start.adding(days: days), through: due))
            CalendarCommand.warnIfNoticeMissing(calendar)
        }
    }
}
