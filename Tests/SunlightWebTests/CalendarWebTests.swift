import Foundation
import Hummingbird
import HummingbirdTesting
import SunlightDomain
import SunlightStorage
import SunlightTestSupport
import SunlightWeb
import Testing

/// The provisional calendar, as administrators and handlers see it.
@Suite("Calendar notices on the web")
struct CalendarWebTests {
    /// From 1 November an administrator's home page says which year's notice is missing; other
    /// roles are not told. (Decided against the same function, so the test holds in any month.)
    @Test func administratorsAreRemindedOfAMissingNotice() async throws {
        let fixture = try await WebFixture.make()
        let warning = try await CalendarStore(recorder: fixture.test.recorder).missingNotice()
        try await fixture.run { client async throws in
            var admin = Browser(client)
            try await admin.login("admin")
            let home = try await admin.get("/")
            if let warning {
                #expect(home.text.contains(warning.messageZh))
            } else {
                #expect(!home.text.contains("尚未录入国务院办公厅"))
            }
            var inspector = Browser(client)
            try await inspector.login("inspector")
            let other = try await inspector.get("/")
            #expect(!other.text.contains("尚未录入国务院办公厅"))
        }
    }

    @Test func aWarningIsDueOnTheFirstOfNovemberForAYearWithoutItsNotice() {
        let calendar = WorkingDayCalendar.shipped
        let lastShipped = 2026
        #expect(CalendarNotice.warning(today: LocalDate(year: lastShipped, month: 10, day: 31)!, calendar: calendar) == nil)
        #expect(CalendarNotice.warning(today: LocalDate(year: lastShipped, month: 11, day: 1)!, calendar: calendar)?.year == lastShipped + 1)
    }
}
