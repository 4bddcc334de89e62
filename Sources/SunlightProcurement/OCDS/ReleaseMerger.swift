/// Compiles the releases of one contracting process into a compiled release, following the OCDS
/// merge routine (https://standard.open-contracting.org/latest/en/schema/merging/):
///
/// - releases are applied oldest first (by `date`; releases without a readable date first, ties
///   in their published order), so the latest value of each field wins;
/// - objects are merged field by field, recursively;
/// - arrays whose elements are all objects with an `id` are merged element by element, matching
///   on `id` (an unmatched element is appended);
/// - any other array replaces the previous value whole;
/// - a `null` removes the field.
///
/// Why Sunlight compiles at all: a record package without `compiledRelease`, or a release
/// package that carries several releases of one `ocid` (a tender notice, then the award), must
/// become one contracting process before the indicators can read it — as Cardinal expects its
/// input to be already compiled.
enum ReleaseMerger {
    /// Merges `releases` (each an object) into one compiled release.
    static func compile(_ releases: [JSONValue]) -> JSONValue {
        let ordered = releases.enumerated().sorted { a, b in
            let da = a.element["date"]?.stringValue.flatMap(OCDSDate.lenientInstant) ?? -.infinity
            let db = b.element["date"]?.stringValue.flatMap(OCDSDate.lenientInstant) ?? -.infinity
            return da != db ? da < db : a.offset < b.offset
        }
        var compiled: [(key: String, value: JSONValue)] = []
        for (_, release) in ordered {
            guard case let .object(members) = release else { continue }
            mergeObject(&compiled, with: members)
        }
        // The compiled release is tagged "compiled" (OCDS); its id is not meaningful.
        set(&compiled, "tag", .array([.string("compiled")]))
        return .object(compiled)
    }

    private static func set(_ members: inout [(key: String, value: JSONValue)], _ key: String, _ value: JSONValue) {
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].value = value
        } else {
            members.append((key, value))
        }
    }

    static func mergeObject(_ base: inout [(key: String, value: JSONValue)], with update: [(key: String, value: JSONValue)]) {
        for (key, value) in update {
            let index = base.firstIndex(where: { $0.key == key })
            switch value {
            case .null:
                if let index { base.remove(at: index) }
            case let .object(members):
                if let index, case var .object(existing) = base[index].value {
                    mergeObject(&existing, with: members)
                    base[index].value = .object(existing)
                } else {
                    var fresh: [(key: String, value: JSONValue)] = []
                    mergeObject(&fresh, with: members)
                    if let index { base[index].value = .object(fresh) } else { base.append((key, .object(fresh))) }
                }
            case let .array(elements) where isIdentifiedArray(elements):
                var existing: [JSONValue] = []
                if let index, case let .array(old) = base[index].value, isIdentifiedArray(old) { existing = old }
                for element in elements {
                    guard case let .object(members) = element else { continue }
                    let id = element["id"]
                    if let i = existing.firstIndex(where: { $0["id"] == id }), case var .object(old) = existing[i] {
                        mergeObject(&old, with: members)
                        existing[i] = .object(old)
                    } else {
                        var fresh: [(key: String, value: JSONValue)] = []
                        mergeObject(&fresh, with: members)
                        existing.append(.object(fresh))
                    }
                }
                if let index { base[index].value = .array(existing) } else { base.append((key, .array(existing))) }
            default:
                if let index { base[index].value = value } else { base.append((key, value)) }
            }
        }
    }

    /// Non-empty, and every element an object with a string or number `id`.
    private static func isIdentifiedArray(_ elements: [JSONValue]) -> Bool {
        !elements.isEmpty && elements.allSatisfy { element in
            switch element["id"] {
            case .string?, .number?: return true
            default: return false
            }
        }
    }
}
