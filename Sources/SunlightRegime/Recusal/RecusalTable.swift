import Foundation
import SunlightDomain

/// The people around one matter, by identity (person id or id number).
public struct RecusalQuery: Sendable, Equatable {
    public var handler: String
    /// The person or people reported on (被反映人 / 监察对象).
    public var subjects: [String]
    /// The reporters or petitioners (检举人 / 信访人); empty for an anonymous report.
    public var reporters: [String]
    /// Witnesses in the case.
    public var witnesses: [String]
    /// People with an interest in the matter's outcome, other than the subjects and reporters.
    public var interestedParties: [String]

    public init(handler: String, subjects: [String], reporters: [String] = [], witnesses: [String] = [],
                interestedParties: [String] = []) {
        self.handler = handler
        self.subjects = subjects
        self.reporters = reporters
        self.witnesses = witnesses
        self.interestedParties = interestedParties
    }
}

/// The recusal grounds with their labels and sources, and the check itself.
public struct RecusalTable: Sendable, Codable, Equatable {
    public var header: TableHeader
    public var grounds: [RecusalGroundInfo]

    public init(header: TableHeader, grounds: [RecusalGroundInfo]) {
        self.header = header
        self.grounds = grounds
    }

    public func info(_ ground: RecusalGround) -> RecusalGroundInfo? {
        grounds.first { $0.ground == ground }
    }

    /// Every ground on which the handler must step aside; empty when there is none. Pure: the
    /// caller supplies the identities and the relatives known to the registry.
    public func check(_ query: RecusalQuery, relatives: CloseRelatives) -> [RecusalFinding] {
        let handler = CloseRelatives.key(query.handler)
        guard !handler.isEmpty else { return [] }
        var findings: [RecusalFinding] = []
        func add(_ ground: RecusalGround, _ person: String, zh: String, en: String) {
            let basis = info(ground)?.basis ?? BilingualText(zh: "", en: "")
            let suffix = basis.isComplete ? (zh: "（\(basis.zh)）", en: " (\(basis.en))") : (zh: "", en: "")
            findings.append(RecusalFinding(ground: ground, person: person,
                                           reason: BilingualText(zh: zh + suffix.zh, en: en + suffix.en)))
        }
        func isHandler(_ person: String) -> Bool { CloseRelatives.key(person) == handler }
        func ids(_ list: [String]) -> [String] {
            list.filter { !CloseRelatives.key($0).isEmpty }
        }

        for subject in ids(query.subjects) {
            if isHandler(subject) {
                add(.handlerIsSubject, subject, zh: "承办人本人是被反映人", en: "the handler is the person reported on")
            } else if relatives.areRelated(query.handler, subject) {
                add(.relativeOfSubject, subject, zh: "承办人是被反映人（\(subject)）的近亲属",
                    en: "the handler is a close relative of the person reported on (\(subject))")
            }
        }
        for reporter in ids(query.reporters) {
            if isHandler(reporter) {
                add(.handlerIsReporter, reporter, zh: "承办人本人是检举人", en: "the handler is the reporter")
            } else if relatives.areRelated(query.handler, reporter) {
                add(.relativeOfReporter, reporter, zh: "承办人是检举人（\(reporter)）的近亲属",
                    en: "the handler is a close relative of the reporter (\(reporter))")
            }
        }
        for witness in ids(query.witnesses) where isHandler(witness) {
            add(.witness, witness, zh: "承办人担任过本案证人", en: "the handler was a witness in this case")
        }
        for party in ids(query.interestedParties) {
            if isHandler(party) {
                add(.interest, party, zh: "承办人本人与本事项有利害关系", en: "the handler has an interest in the matter")
            } else if relatives.areRelated(query.handler, party) {
                add(.interest, party, zh: "承办人的近亲属（\(party)）与本事项有利害关系",
                    en: "a close relative of the handler (\(party)) has an interest in the matter")
            }
        }
        return findings
    }
}
