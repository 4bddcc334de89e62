import SunlightDomain

extension CountyBuild {
    /// Units, people, relatives, companies and company roles (the reference tables).
    func writeRegistry() throws {
        for u in units {
            try output.write(.units, [u.code, u.name, u.parent, u.kind.rawValue, region])
        }
        for o in officials {
            try output.write(.people, [o.person.id, o.person.name, o.unitCode, o.post, o.rank, o.category.rawValue,
                                       o.isLeader ? "true" : "false", o.since?.iso ?? "", o.until?.iso ?? ""])
        }
        for (a, b, rel) in relatives {
            try output.write(.relatives, [a.id, b.id, b.name, rel])
        }
        for c in companies {
            try output.write(.companies, [c.uscc, c.name, c.legalRep.id, c.legalRep.name, c.established.iso, c.address, c.phone,
                                          c.status.rawValue, c.statusDate?.iso ?? ""])
            for r in c.roles {
                try output.write(.companyRoles, [c.uscc, r.holderID ?? "", r.holderUSCC ?? "", r.holderName, r.role, r.sharePct])
            }
        }
    }
}

enum ProgramsWriter {
    static func write(_ output: DemoOutput) throws {
        for p in BenefitProgram.all {
            try output.write(.programs, [p.name, p.meansTested ? "true" : "false", p.exclusiveWith.joined(separator: "|"),
                                         p.minAge.map(String.init) ?? ""])
        }
    }
}
