import SunlightDomain

/// Builds the bilingual errors of this module. Codes are `<area>.<problem>`, stable: tests and
/// API clients match on them, never on the wording.
enum RegimeErrors {
    static func make(_ code: String, _ zh: String, _ en: String) -> ValueError {
        ValueError(code: code, messageZh: zh, messageEn: en)
    }
}
