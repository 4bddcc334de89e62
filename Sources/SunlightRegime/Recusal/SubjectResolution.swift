import SunlightDomain

/// Who in the registry a report may be about, from what the reporter wrote: the reported
/// person's name, unit and post.
///
/// Why: recusal used to match only an ID number bound to the report, which reports from the
/// public never carry, so an inspector who was the person reported could list and read a
/// real-name report naming them. Matching names is uncertain (namesakes; "王某" for a surname),
/// so every plausible person is a *candidate*, and the matter is hidden from every account of a
/// candidate until another inspector confirms one or clears them (`ReportStore.reviewSubject`).
/// Over-hiding costs a colleague a look; under-hiding gives the report to the reported.
public enum SubjectResolution {
    /// A person of the registry, as far as matching needs.
    public struct Person: Sendable, Equatable {
        public let id: Int64
        public let name: String
        public let unitName: String
        public let post: String

        public init(id: Int64, name: String, unitName: String, post: String) {
            self.id = id
            self.name = name
            self.unitName = unitName
            self.post = post
        }
    }

    /// Why a person is a candidate: the name alone, or the name with the unit or post.
    public enum Basis: String, Sendable, Equatable, Codable, CaseIterable {
        case nameAndUnit = "name_unit"
        case nameAndPost = "name_post"
        case name
        /// "王某", "王局长": the surname with the unit or post.
        case surnameAndUnit = "surname_unit"
    }

    public struct Candidate: Sendable, Equatable {
        public let personID: Int64
        public let basis: Basis
    }

    /// What to look up in the registry: people of exactly this name, or (for "王某") whose name
    /// starts with this surname. Nil: nothing to match.
    public enum Lookup: Sendable, Equatable {
        case name(String)
        case surname(String)
    }

    /// Titles a report may put after a surname instead of the given name.
    static let titles = ["某某", "某", "书记", "局长", "主任", "镇长", "乡长", "村长", "县长", "部长", "科长", "所长", "站长", "队长", "经理", "会计", "院长", "校长"]

    /// The registry lookup for a reported name.
    public static func lookup(subjectName: String) -> Lookup? {
        let name = key(subjectName)
        guard !name.isEmpty else { return nil }
        for title in titles where name.hasSuffix(title) && name.count > title.count {
            let surname = String(name.dropLast(title.count))
            // Surnames are one or two characters (欧阳, 司马); longer is a full name with a title.
            if surname.count <= 2 { return .surname(surname) }
        }
        return .name(name)
    }

    /// The candidates among `people` (the lookup's results) for a report naming `subjectName` of
    /// `subjectUnit` with post `subjectPost`.
    public static func candidates(subjectName: String, subjectUnit: String, subjectPost: String,
                                  among people: [Person]) -> [Candidate] {
        guard let lookup = lookup(subjectName: subjectName) else { return [] }
        let unit = key(subjectUnit)
        let post = key(subjectPost)
        func overlaps(_ a: String, _ b: String) -> Bool {
            !a.isEmpty && !b.isEmpty && (a.contains(b) || b.contains(a))
        }
        return people.compactMap { person in
            let name = key(person.name)
            let unitMatches = overlaps(unit, key(person.unitName))
            let postMatches = overlaps(post, key(person.post))
            switch lookup {
            case .name(let wanted):
                guard name == wanted else { return nil }
                let basis: Basis = unitMatches ? .nameAndUnit : (postMatches ? .nameAndPost : .name)
                return Candidate(personID: person.id, basis: basis)
            case .surname(let surname):
                guard name.hasPrefix(surname), unitMatches || postMatches else { return nil }
                return Candidate(personID: person.id, basis: .surnameAndUnit)
            }
        }
    }

    /// A name, unit or post as compared: folded (full-width forms, NFKC), without spaces or the
    /// middle dots of transliterated names.
    public static func key(_ text: String) -> String {
        String(TextFolding.fold(text).unicodeScalars.filter { !$0.properties.isWhitespace && !"·•・.".unicodeScalars.contains($0) })
    }
}
