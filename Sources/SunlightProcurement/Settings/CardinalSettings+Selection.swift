extension CardinalSettings {
    /// The same settings with only the indicators in `codes` left enabled (those already
    /// enabled; an indicator not enabled stays off).
    public static func restricted(_ settings: CardinalSettings, to codes: Set<IndicatorCode>) -> CardinalSettings {
        var s = settings
        if !codes.contains(.r003) { s.r003 = nil }
        if !codes.contains(.r018) { s.r018 = nil }
        if !codes.contains(.r024) { s.r024 = nil }
        if !codes.contains(.r025) { s.r025 = nil }
        if !codes.contains(.r028) { s.r028 = false }
        if !codes.contains(.r030) { s.r030 = false }
        if !codes.contains(.r035) { s.r035 = nil }
        if !codes.contains(.r036) { s.r036 = false }
        if !codes.contains(.r038) { s.r038 = nil }
        if !codes.contains(.r048) { s.r048 = nil }
        if !codes.contains(.r058) { s.r058 = nil }
        return s
    }
}
