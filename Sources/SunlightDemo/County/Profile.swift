/// The knobs of one demo size. Everything scales from these.
struct SizeProfile {
    let counties: Int
    let townships: Int
    let villagesPerTownship: ClosedRange<Int>
    let householdsPerVillage: ClosedRange<Int>
    /// Multiplies the staff of county organs.
    let staffScale: Double
    /// Multiplies the share of low-income households and of disability subsidies.
    let benefitRate: Double
    /// Background payments per county over the two years (before planted ones).
    let paymentsPerCounty: Int
    let worksCompanies: Int
    let goodsCompanies: Int
    let goodsTenders: Int
    let projects: Int
    let serviceCases: Int
    /// Planted cases per rule and county.
    let flags: Int
    let clears: Int

    static func of(_ size: DemoSize) -> SizeProfile {
        switch size {
        case .small:
            return SizeProfile(counties: 1, townships: 3, villagesPerTownship: 5...5, householdsPerVillage: 40...46,
                               staffScale: 0.22, benefitRate: 3.6, paymentsPerCounty: 2_600,
                               worksCompanies: 22, goodsCompanies: 20, goodsTenders: 16, projects: 20, serviceCases: 600,
                               flags: 2, clears: 2)
        case .county:
            return SizeProfile(counties: 1, townships: 20, villagesPerTownship: 12...18, householdsPerVillage: 140...160,
                               staffScale: 1.0, benefitRate: 0.7, paymentsPerCounty: 100_000,
                               worksCompanies: 110, goodsCompanies: 130, goodsTenders: 200, projects: 160, serviceCases: 20_000,
                               flags: 20, clears: 5)
        case .province:
            return SizeProfile(counties: 12, townships: 14, villagesPerTownship: 12...16, householdsPerVillage: 120...140,
                               staffScale: 0.8, benefitRate: 1.0, paymentsPerCounty: 83_000,
                               worksCompanies: 80, goodsCompanies: 100, goodsTenders: 150, projects: 120, serviceCases: 15_000,
                               flags: 9, clears: 2)
        }
    }
}
