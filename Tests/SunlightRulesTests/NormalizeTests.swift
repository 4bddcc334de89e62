@testable import SunlightRules
import Testing

/// `Normalize.account` returns a plain account (ASCII letters and digits) as it is: the same
/// text the scalar filter gives, which other accounts still go through.
@Suite("Account normalization")
struct NormalizeTests {
    @Test func plainAccountsAreKeptAndOthersFiltered() {
        func filtered(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.filter {
                !$0.properties.isWhitespace && $0 != "-" && $0 != "\u{FF0D}" && $0 != "\u{2010}" && $0 != "\u{2013}" && $0 != "\u{2014}"
            }))
        }
        for account in ["6217901102405970418", "AB12cd", "", "6217 9011", "6217-9011", "6217\u{3000}9011", "6217－9011", "62@17",
                        "[x]", "`z{", "6217\u{2013}9011", "账户6217"] {
            #expect(Normalize.account(account) == filtered(account), "\(account)")
        }
    }
}
