import Foundation

/// Where the data lives: an SQLite file (a county on one machine) or a PostgreSQL server (a
/// city or province). Every command takes the same `--database` value and parses it here.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultPath = "./sunlight.sqlite"

    public init(argument: String?) {
        let value = argument ?? ProcessInfo.processInfo.environment["SUNLIGHT_DATABASE"] ?? Self.defaultPath
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
            self = .postgres(url: value)
        } else {
            self = .sqlite(path: value)
        }
    }

    /// A description safe for logs: a PostgreSQL password is never printed.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}
