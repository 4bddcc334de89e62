import Foundation
import SunlightContract
import SunlightRegime
import SunlightRules
import SunlightStorage
@testable import SunlightWeb
import Testing

/// Issue 19, item 4: translation keys are checked. Every key a template or the code asks for has
/// its Chinese and English text — a missing one would show the raw key on the page. Keys built
/// at run time (`"status_" + status`) are checked for every value the prefix can take; a new
/// prefix fails here until its values are listed below.
@Suite("Translation keys")
struct TranslationKeyTests {
    static let webSources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/SunlightWeb").standardized

    static func files(_ suffix: String) throws -> [(name: String, text: String)] {
        let enumerator = try #require(FileManager.default.enumerator(at: webSources, includingPropertiesForKeys: nil))
        return try enumerator.compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasSuffix(suffix) }
            .map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    @Test func everyKeyATemplateUsesHasBothLanguages() throws {
        let templates = try Self.files(".mustache")
        #expect(templates.count > 20)
        var missing: [String] = []
        for (name, text) in templates {
            for match in Self.matches(#"\{\{[#^/&]?\s*t\.([A-Za-z0-9_]+)"#, in: text) where Strings.all[match[0]] == nil {
                missing.append("\(name): \(match[0])")
            }
        }
        #expect(missing.isEmpty, "\(missing)")
    }

    @Test func everyKeyTheCodeUsesHasBothLanguages() throws {
        var missing: [String] = []
        var checked = 0
        for (name, text) in try Self.files(".swift") {
            // The first argument of each `Strings.text(…, language)`: every literal in it that is
            // a whole key (not a prefix followed by `+`).
            for call in Self.matches(#"Strings\.text\(([^\n]*?),\s*(?:language|context\.language|\.zh|\.en|viewer\.language)\)"#, in: text) {
                // (Not a value compared with `==`: `error.code == "csrf" ? … : …`.)
                for literal in Self.matches(#"(?<!== )"([a-z0-9_]+)"(?!\s*\+)"#, in: call[0]) {
                    checked += 1
                    if Strings.all[literal[0]] == nil { missing.append("\(name): \(literal[0])") }
                }
            }
        }
        #expect(checked > 100)
        #expect(missing.isEmpty, "\(missing)")
    }

    /// The values each run-time prefix is completed with.
    static let dynamicKeys: [String: [String]] = [
        "severity_": Severity.allCases.map(\.rawValue),
        "status_": FindingStatus.allCases.map(\.rawValue),
        "sort_": FindingQuery.Sort.allCases.map(\.rawValue),
        // What scans write (`ScanStore`) and the review actions (`FindingStore.ReviewAction`).
        "event_": ["flagged", "refreshed", "flagged_again", "cleared"] + FindingStore.ReviewAction.allCases.map(\.rawValue),
        "subject_basis_": SubjectResolution.Basis.allCases.map(\.rawValue),
        "network_kind_": NetworkGraph.Kind.allCases.map(\.key),
        "proc_id_": IdentifierKind.allCases.map(\.rawValue),
        "proc_role_": Registry.companyRoleKinds.map(\.code),
        "change_": Change.Action.allCases.map(\.rawValue),
        // Events that are not workflow steps (`ClueStore`'s event calls; steps show their label).
        "clue_event_": ["register", "deadline_met", "extend", "link_report", "notice_sent", "pause", "recount"]
            + ClueStore.AppealKind.allCases.map { "appeal_" + $0.rawValue },
        // `APIToken.state(at:)`.
        "state_": ["active", "expired", "revoked"],
    ]

    @Test func everyKeyBuiltAtRunTimeHasBothLanguages() throws {
        var prefixes: Set<String> = []
        for (_, text) in try Self.files(".swift") {
            for match in Self.matches(#"Strings\.text\("([a-z0-9_]+_)"\s*\+"#, in: text) { prefixes.insert(match[0]) }
        }
        #expect(prefixes == Set(Self.dynamicKeys.keys), "list the values of a new prefix in dynamicKeys")
        for (prefix, values) in Self.dynamicKeys {
            #expect(!values.isEmpty)
            for value in values { #expect(Strings.all[prefix + value] != nil, "\(prefix + value) has no text") }
        }
    }

    /// Every event the clue store records has words: a workflow step's label, or `clue_event_…`.
    @Test func everyClueEventHasWords() throws {
        let reports = Self.webSources.appendingPathComponent("../SunlightStorage/Reports").standardized
        var actions: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: reports.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: reports.appendingPathComponent(name), encoding: .utf8)
            for match in Self.matches(#"action: "([a-z_]+)"(?!\s*\+)"#, in: text) { actions.insert(match[0]) }
        }
        #expect(actions.count >= 7, "\(actions)")
        let steps = Set(Regime.shipped.clueWorkflow.transitions.map(\.action))
        for action in actions where !steps.contains(action) {
            #expect(Strings.all["clue_event_" + action] != nil, "clue event \(action) has no words")
        }
    }
}
