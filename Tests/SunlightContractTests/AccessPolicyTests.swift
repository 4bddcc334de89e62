import SunlightContract
import Testing

@Suite("Access policy")
struct AccessPolicyTests {
    @Test func reachFollowsRole() {
        #expect(AccessPolicy.reach(of: .unitOfficer, unitCode: "U1") == .subtree("U1"))
        #expect(AccessPolicy.reach(of: .unitOfficer, unitCode: nil) == .nowhere)
        #expect(AccessPolicy.reach(of: .inspector, unitCode: "U1") == .everywhere)
        #expect(AccessPolicy.reach(of: .witness, unitCode: nil) == .nowhere)
    }

    @Test func witnessesAndLeadersDoNotWrite() {
        for dataset in Registry.all {
            #expect(!AccessPolicy.allows(.witness, .read, on: dataset))
            #expect(!AccessPolicy.allows(.leader, .write, on: dataset))
            #expect(AccessPolicy.allows(.leader, .read, on: dataset))
        }
        #expect(!AccessPolicy.allows(.unitOfficer, .write, on: Registry.companies))
        #expect(AccessPolicy.allows(.unitOfficer, .write, on: Registry.people))
    }
}
