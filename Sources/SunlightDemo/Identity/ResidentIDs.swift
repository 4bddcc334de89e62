import SunlightDomain

/// A natural person of the demo: a valid 18-character resident ID, a name, a birth date.
struct Person: Sendable {
    let id: String
    let name: String
    let birth: LocalDate
    let male: Bool

    var surname: String {
        if name.count > 2, ["欧阳", "上官"].contains(String(name.prefix(2))) { return String(name.prefix(2)) }
        return String(name.prefix(1))
    }
}

/// Issues unique, valid resident IDs (GB 11643): region + birth date + a 3-digit sequence whose
/// parity is the sex + the MOD 11-2 check character. Uniqueness comes from a counter per
/// (region, birth date, sex), so no set of issued IDs needs to be kept.
struct IDAllocator {
    private var counters: [String: [Int: Int]] = [:]

    mutating func make(region: String, birth: LocalDate, male: Bool) -> String {
        let key = birth.dayNumber * 2 + (male ? 1 : 0)
        let n = counters[region, default: [:]][key, default: 0]
        counters[region, default: [:]][key] = n + 1
        // A per-date offset makes sequence numbers look less regular; capacity stays ≥ 300 per sex.
        let offset = Int(UInt64(bitPattern: Int64(birth.dayNumber)) &* 2_654_435_761 % 97)
        let k = offset + n
        precondition(k < 499, "too many IDs for one birth date")
        let seq = k * 2 + (male ? 1 : 2)
        let first17 = region + Self.yyyymmdd(birth) + Self.pad3(seq)
        return first17 + String(ResidentID.checkCharacter(for: first17)!)
    }

    static func yyyymmdd(_ d: LocalDate) -> String {
        let y = String(d.year)
        return y + (d.month < 10 ? "0" : "") + String(d.month) + (d.day < 10 ? "0" : "") + String(d.day)
    }

    static func pad3(_ n: Int) -> String {
        n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)"
    }

    /// An ID whose check character is deliberately wrong (a forged or mistyped ID).
    static func withWrongCheck(_ valid: String) -> String {
        let first17 = String(valid.prefix(17))
        let right = ResidentID.checkCharacter(for: first17)!
        let options: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
        let i = options.firstIndex(of: right)!
        return first17 + String(options[(i + 3) % options.count])
    }

    /// An ID with an impossible birth date (e.g. Feb 30) but a correct check character.
    static func withImpossibleBirth(region: String, year: Int, month: Int, day: Int, seq: Int) -> String {
        let y = String(year)
        let first17 = region + y + (month < 10 ? "0" : "") + String(month) + (day < 10 ? "0" : "") + String(day) + pad3(seq)
        return first17 + String(ResidentID.checkCharacter(for: first17)!)
    }
}

/// Makes people: a name, a birth date in an age range on a reference date, and an ID.
struct PersonFactory {
    var ids = IDAllocator()

    mutating func person(region: String, birth: LocalDate, male: Bool, surname: String? = nil, rng: inout DemoRNG) -> Person {
        let sn = surname ?? Names.surname(&rng)
        let name = Names.full(surname: sn, male: male, &rng)
        return Person(id: ids.make(region: region, birth: birth, male: male), name: name, birth: birth, male: male)
    }

    /// A random birth date such that the age on `on` is within `ages`.
    static func birth(ages: ClosedRange<Int>, on: LocalDate, rng: inout DemoRNG) -> LocalDate {
        let age = rng.int(ages)
        // Born between (on − age − 1 years, + 1 day) and (on − age years).
        let latest = LocalDate(year: on.year - age, month: on.month, day: min(on.day, 28))!
        return latest.adding(days: -rng.below(365))
    }

    mutating func person(region: String, ages: ClosedRange<Int>, on: LocalDate, male: Bool, surname: String? = nil, rng: inout DemoRNG) -> Person {
        person(region: region, birth: Self.birth(ages: ages, on: on, rng: &rng), male: male, surname: surname, rng: &rng)
    }
}
