import SunlightDomain

// Rows of the registry datasets (`data-contract.md`), as the importer hands them over: values
// already validated and normalised (IDs upper-case, 18 characters when valid; enums as the
// contract's English codes). They are plain values; `SupervisionDataBuilder` turns them into
// compact interned records.

/// `units` 单位.
public struct UnitRow: Sendable, Equatable {
    public var code: String
    public var name: String
    public var parentCode: String?
    public var kind: String

    public init(code: String, name: String, parentCode: String? = nil, kind: String) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.kind = kind
    }
}

/// `people` 人员: one post of one person (a person may hold several rows over time).
public struct PersonRow: Sendable, Equatable {
    public var idNumber: String
    public var name: String
    public var unitCode: String
    public var category: String
    public var since: LocalDate?
    public var until: LocalDate?

    public init(idNumber: String, name: String, unitCode: String, category: String,
                since: LocalDate? = nil, until: LocalDate? = nil) {
        self.idNumber = idNumber
        self.name = name
        self.unitCode = unitCode
        self.category = category
        self.since = since
        self.until = until
    }
}

/// `relatives` 亲属关系: `relativeIDNumber` is `idNumber`'s `relation`.
public struct RelativeRow: Sendable, Equatable {
    public var idNumber: String
    public var relativeIDNumber: String
    public var relation: String

    public init(idNumber: String, relativeIDNumber: String, relation: String) {
        self.idNumber = idNumber
        self.relativeIDNumber = relativeIDNumber
        self.relation = relation
    }
}

/// `households` 户籍.
public struct HouseholdRow: Sendable, Equatable {
    public var householdID: String
    public var idNumber: String
    public var villageCode: String?

    public init(householdID: String, idNumber: String, villageCode: String? = nil) {
        self.householdID = householdID
        self.idNumber = idNumber
        self.villageCode = villageCode
    }
}

/// `deaths` 死亡及户籍注销.
public struct DeathRow: Sendable, Equatable {
    public var idNumber: String
    public var deathDate: LocalDate

    public init(idNumber: String, deathDate: LocalDate) {
        self.idNumber = idNumber
        self.deathDate = deathDate
    }
}

/// `companies` 企业.
public struct CompanyRow: Sendable, Equatable {
    public var uscc: String
    public var name: String
    public var legalRepIDNumber: String?
    public var established: LocalDate?
    public var status: String?
    public var statusDate: LocalDate?

    public init(uscc: String, name: String, legalRepIDNumber: String? = nil, established: LocalDate? = nil,
                status: String? = nil, statusDate: LocalDate? = nil) {
        self.uscc = uscc
        self.name = name
        self.legalRepIDNumber = legalRepIDNumber
        self.established = established
        self.status = status
        self.statusDate = statusDate
    }
}

/// `company_roles` 股东及主要人员: a natural person (`holderIDNumber`) or a corporate holder
/// (`holderUSCC`, which links no person).
public struct CompanyRoleRow: Sendable, Equatable {
    public var uscc: String
    public var holderIDNumber: String?
    public var holderUSCC: String?
    public var role: String

    public init(uscc: String, holderIDNumber: String? = nil, holderUSCC: String? = nil, role: String) {
        self.uscc = uscc
        self.holderIDNumber = holderIDNumber
        self.holderUSCC = holderUSCC
        self.role = role
    }
}

/// `vehicles` 机动车.
public struct VehicleRow: Sendable, Equatable {
    public var plate: String
    public var ownerIDNumber: String
    public var vehicleType: String?
    public var registered: LocalDate?

    public init(plate: String, ownerIDNumber: String, vehicleType: String? = nil, registered: LocalDate? = nil) {
        self.plate = plate
        self.ownerIDNumber = ownerIDNumber
        self.vehicleType = vehicleType
        self.registered = registered
    }
}
