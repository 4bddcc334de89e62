import Foundation

/// Instants are stored in UTC; people read them in China Standard Time (UTC+8), which is what
/// the users' clocks and documents show.
enum DisplayTime {
    /// "2026-11-21T23:13:15.656Z" → "2026-11-22 07:13:15"; anything unparseable is shown as is.
    static func local(_ iso: String) -> String {
        guard let date = (try? Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(iso, strategy: Date.ISO8601FormatStyle())) else { return iso }
        let shifted = date.addingTimeInterval(8 * 3600)
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 0)!, from: shifted)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
