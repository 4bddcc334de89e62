import SunlightRegime
import Testing

@Suite struct RecusalTests {
    let table = regime.recusal
    // 张三 (handler) is married to 李四; 王五 is 李四's brother — not 张三's close relative here.
    let relatives = CloseRelatives([("110101199001011234", "11010119910202567X"), ("11010119910202567X", "wangwu")])

    func grounds(_ query: RecusalQuery) -> [RecusalGround] {
        table.check(query, relatives: relatives).map(\.ground)
    }

    @Test func noGroundForAStranger() {
        #expect(grounds(RecusalQuery(handler: "110101199001011234", subjects: ["zhaoliu"], reporters: ["sunqi"])).isEmpty)
        // Relatives are not transitive: 王五 is the wife's brother, not a listed pair with the handler.
        #expect(grounds(RecusalQuery(handler: "110101199001011234", subjects: ["wangwu"])).isEmpty)
    }

    @Test func relativeOfTheSubjectEitherWayRound() {
        // The pair was entered (handler, spouse); ask with the spouse as subject…
        #expect(grounds(RecusalQuery(handler: "110101199001011234", subjects: ["11010119910202567X"])) == [.relativeOfSubject])
        // …and with the roles swapped, and with a lower-case check digit.
        #expect(grounds(RecusalQuery(handler: "11010119910202567x", subjects: ["110101199001011234"])) == [.relativeOfSubject])
    }

    @Test func selfAndReporterRelative() {
        #expect(grounds(RecusalQuery(handler: "zhaoliu", subjects: ["zhaoliu"])) == [.handlerIsSubject])
        #expect(grounds(RecusalQuery(handler: "zhaoliu", subjects: ["x"], reporters: [" zhaoliu "])) == [.handlerIsReporter])
        #expect(grounds(RecusalQuery(handler: "110101199001011234", subjects: ["x"],
                                     reporters: ["11010119910202567X"])) == [.relativeOfReporter])
    }

    @Test func witnessAndInterest() {
        #expect(grounds(RecusalQuery(handler: "h", subjects: ["s"], witnesses: ["h"])) == [.witness])
        #expect(grounds(RecusalQuery(handler: "110101199001011234", subjects: ["s"],
                                     interestedParties: ["11010119910202567X"])) == [.interest])
        // Several grounds at once, in order.
        #expect(grounds(RecusalQuery(handler: "110101199001011234", subjects: ["11010119910202567X"],
                                     reporters: ["110101199001011234"], witnesses: ["110101199001011234"]))
                == [.relativeOfSubject, .handlerIsReporter, .witness])
    }

    @Test func reasonsAreBilingualAndCiteTheLaw() throws {
        let finding = try #require(table.check(RecusalQuery(handler: "110101199001011234", subjects: ["11010119910202567X"]),
                                               relatives: relatives).first)
        #expect(finding.person == "11010119910202567X")
        #expect(finding.reason.zh.contains("近亲属"))
        #expect(finding.reason.zh.contains("第六十七条"))
        #expect(finding.reason.en.contains("Art. 67(1)"))
        #expect(table.grounds.map(\.ground) == RecusalGround.allCases)
    }

    @Test func emptyIdentitiesNeverMatch() {
        #expect(grounds(RecusalQuery(handler: "", subjects: [""])).isEmpty)
        #expect(grounds(RecusalQuery(handler: "h", subjects: ["", " "])).isEmpty)
        #expect(!CloseRelatives([("a", "a")]).areRelated("a", "a"))
    }
}
