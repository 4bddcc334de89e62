import ArgumentParser
import Foundation
import SunlightDomain
import SunlightStorage

/// `sunlight calendar`: the State Council working-day calendar the deadlines run on — list the
/// years in force, add next year's from the November notice, and compute due dates by hand.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The working-day calendar (国务院节假日安排): list, add a year, count days.",
        subcommands: [List.self, Add.self, AddWorkingDays.self, AddDays.self]
    )

    /// The calendar in force for `options`' database (shipped years plus those added).
    static func calendar(_ options: DatabaseOptions) async throws -> WorkingDayCalendar {
        try await CommandSupport.withWorkspace(options) { workspace in
            try await CalendarStore(recorder: Recorder(ledger: workspace.ledger)).calendar()
        }
    }

    static func date(_ text: String) throws -> LocalDate {
        guard let date = try? DateParsing.date(text) else {
            throw ValidationError("日期无法识别 / not a date: \(text)")
        }
        return date
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the years in force with their holidays and make-up workdays.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            for year in try await CalendarCommand.calendar(database).years {
                print("\(year.year)")
                print("  holidays 放假: " + year.holidays.map(\.iso).joined(separator: ", "))
                print("  make-up workdays 调休上班: " + year.makeUpWorkdays.map(\.iso).joined(separator: ", "))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add (or replace) a year from the State Council notice.",
            discussion: """
                Days as the notice writes them: ranges with … (or ~ / 至), MM-DD in the year, or full dates.
                Example: sunlight calendar add 2027 --holidays "01-01…01-03, 02-06…02-14" --workdays "02-20"
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The year, e.g. 2027.") var year: Int
        @Option(name: .long, help: "Days off, including weekend days inside a holiday run.") var holidays: String
        @Option(name: .long, help: "Weekend days that are working days (调休上班).") var workdays: String = ""
        @Option(name: .long, help: "Recorded in the ledger as the one who added it.") var actor: String = "operator"

        func run() async throws {
            do {
                let table = try await CommandSupport.withWorkspace(database) { workspace in
                    try await CalendarStore(recorder: Recorder(ledger: workspace.ledger))
                        .add(year: year, holidays: holidays, makeUpWorkdays: workdays, by: .system(actor))
                }
                print("已添加 \(table.year) 年：\(table.holidays.count) 个假日，\(table.makeUpWorkdays.count) 个调休上班日（已记入账本）")
                print("added \(table.year): \(table.holidays.count) holidays, \(table.makeUpWorkdays.count) make-up workdays (in the ledger)")
            } catch let error as ValueError {
                CommandSupport.printError(error.messageZh, error.messageEn)
                throw ExitCode(65)
            }
        }
    }

    struct AddWorkingDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-working-days",
            abstract: "The N-th working day after DATE (the day itself not counted), e.g. `add-working-days 2025-09-26 15`.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The start date (the day of receipt).") var date: String
        @Argument(help: "N working days.") var days: Int

        func run() async throws {
            let start = try CalendarCommand.date(date)
            guard let due = try await CalendarCommand.calendar(database).addingWorkingDays(days, to: start) else {
                CommandSupport.printError("无法计算：日历中缺少所需年份，请用 `sunlight calendar add` 添加",
                                          "not computable: the calendar lacks a year it needs; add it with `sunlight calendar add`")
                throw ExitCode(65)
            }
            print(due.iso)
        }
    }

    struct AddDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-days",
            abstract: "DATE + N calendar days, moved to the next working day if it falls on a day off.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The start date.") var date: String
        @Argument(help: "N calendar days.") var days: Int

        func run() async throws {
            let start = try CalendarCommand.date(date)
            guard let due = try await CalendarCommand.calendar(database).addingDays(days, to: start) else {
                CommandSupport.printError("无法计算：日历中缺少所需年份，请用 `sunlight calendar add` 添加",
                                          "not computable: the calendar lacks a year it needs; add it with `sunlight calendar add`")
                throw ExitCode(65)
            }
            print(due.iso)
        }
    }
}
