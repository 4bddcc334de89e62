/// The day of the Qingming solar term (清明), the statutory Tomb-sweeping holiday.
///
/// Qingming is the day on which the Sun's apparent longitude reaches 15°, counted in China
/// Standard Time; it falls on 4, 5 or 6 April. Rather than run an ephemeris, this uses the
/// widely published "寿星通用公式" for the solar terms, `[Y × D + C] − L`:
/// `Y` = the year's last two digits, `D` = 0.2422 (the tropical year's excess over 365 days),
/// `C` = 5.59 in the 20th century and 4.81 from 2000 on, `L` = `[Y / 4]` (the leap days since the
/// century began). For Qingming the formula needs no correction anywhere in 1900…2100, which
/// is the range where it is accepted as exact; outside it the answer is `nil`, so the caller
/// reports "not computable" rather than guessing a day.
///
/// The arithmetic is done in integers (ten-thousandths), so that no floating-point rounding can
/// move the day: `[Y × 0.2422 + C]` = `(Y × 2422 + C × 10000) / 10000`, all terms non-negative.
public enum QingmingDay {
    /// The years for which the formula is exact.
    public static let supportedYears = 1900...2100

    /// 清明 of `year` (always in April), or `nil` outside `supportedYears`.
    public static func of(_ year: Int) -> LocalDate? {
        guard supportedYears.contains(year) else { return nil }
        let y = year % 100
        let c = year < 2000 ? 55_900 : 48_100
        let day = (y * 2_422 + c) / 10_000 - y / 4
        return LocalDate(year: year, month: 4, day: day)
    }
}
