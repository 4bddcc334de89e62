/// The holidays of all citizens in 全国年节及纪念日放假办法 (as amended 2024, in force
/// 2025-01-01), Art. 2: what a year has off when the State Council notice is not yet known.
///
/// Half-day and partial holidays (妇女节, 青年节, 建军节 …) are left out: they do not close the
/// offices that deadlines run against, and the 办法 makes up none of them (Art. 6).
public enum StatutoryHoliday: String, Sendable, CaseIterable, Codable {
    case newYear = "new_year"
    case springFestival = "spring_festival"
    case qingming
    case labourDay = "labour_day"
    case dragonBoat = "dragon_boat"
    case midAutumn = "mid_autumn"
    case nationalDay = "national_day"

    public var nameZh: String {
        switch self {
        case .newYear: "元旦"
        case .springFestival: "春节"
        case .qingming: "清明节"
        case .labourDay: "劳动节"
        case .dragonBoat: "端午节"
        case .midAutumn: "中秋节"
        case .nationalDay: "国庆节"
        }
    }

    public var nameEn: String {
        switch self {
        case .newYear: "New Year's Day"
        case .springFestival: "Spring Festival"
        case .qingming: "Qingming"
        case .labourDay: "Labour Day"
        case .dragonBoat: "Dragon Boat Festival"
        case .midAutumn: "Mid-Autumn Festival"
        case .nationalDay: "National Day"
        }
    }

    /// The days of this holiday in `year`, in order; `nil` when a date cannot be determined
    /// (a lunar or solar-term date outside the range the sources are exact for).
    ///
    /// New Year 1 day (1 Jan); Spring Festival 4 days (除夕 and the 1st–3rd of the 1st lunar
    /// month); Qingming 1 day (the solar term's day); Labour Day 2 days (1–2 May); Dragon Boat
    /// 1 day (lunar 5/5); Mid-Autumn 1 day (lunar 8/15); National Day 3 days (1–3 Oct).
    public func days(in year: Int) -> [LocalDate]? {
        func fixed(_ month: Int, _ days: ClosedRange<Int>) -> [LocalDate]? {
            let list = days.compactMap { LocalDate(year: year, month: month, day: $0) }
            return list.count == days.count ? list : nil
        }
        switch self {
        case .newYear: return fixed(1, 1...1)
        case .springFestival:
            guard let eve = LunarDates.newYearsEve(year) else { return nil }
            return (0...3).map { eve.adding(days: $0) }
        case .qingming: return QingmingDay.of(year).map { [$0] }
        case .labourDay: return fixed(5, 1...2)
        case .dragonBoat: return LunarDates.dragonBoat(year).map { [$0] }
        case .midAutumn: return LunarDates.midAutumn(year).map { [$0] }
        case .nationalDay: return fixed(10, 1...3)
        }
    }
}
