import SunlightDomain

/// `programs` 惠民资金项目: overrides the contract's default for the program of the same name.
/// `meansTested` / `minAge` nil = keep the default's value; `exclusiveWith` replaces the default list.
public struct ProgramRow: Sendable, Equatable {
    public var program: String
    public var meansTested: Bool?
    public var exclusiveWith: [String]
    public var minAge: Int?

    public init(program: String, meansTested: Bool? = nil, exclusiveWith: [String] = [], minAge: Int? = nil) {
        self.program = program
        self.meansTested = meansTested
        self.exclusiveWith = exclusiveWith
        self.minAge = minAge
    }
}

/// `benefits` 惠民资金发放. `idNumber` is the stored form: canonical when valid, else the folded
/// raw text (a forged ID is itself evidence). Amounts in fen.
public struct BenefitRow: Sendable, Equatable {
    public var program: String
    public var period: YearMonth
    public var idNumber: String
    public var name: String
    public var householdID: String?
    public var villageCode: String?
    public var amount: Int64
    public var account: String?
    public var paidDate: LocalDate?

    public init(program: String, period: YearMonth, idNumber: String, name: String, householdID: String? = nil,
                villageCode: String? = nil, amount: Int64, account: String? = nil, paidDate: LocalDate? = nil) {
        self.program = program
        self.period = period
        self.idNumber = idNumber
        self.name = name
        self.householdID = householdID
        self.villageCode = villageCode
        self.amount = amount
        self.account = account
        self.paidDate = paidDate
    }
}

/// `budgets` 预算. Amount in fen.
public struct BudgetRow: Sendable, Equatable {
    public var year: Int
    public var unitCode: String
    public var category: String
    public var projectCode: String?
    public var amount: Int64

    public init(year: Int, unitCode: String, category: String, projectCode: String? = nil, amount: Int64) {
        self.year = year
        self.unitCode = unitCode
        self.category = category
        self.projectCode = projectCode
        self.amount = amount
    }
}

/// `payments` 支付凭证. Amount in fen.
public struct PaymentRow: Sendable, Equatable {
    public var voucherNo: String
    public var unitCode: String
    public var date: LocalDate
    public var payeeName: String
    public var payeeCode: String?
    public var payeeAccount: String?
    public var amount: Int64
    public var category: String?
    public var projectCode: String?
    public var purpose: String?
    public var approverIDNumber: String?

    public init(voucherNo: String, unitCode: String, date: LocalDate, payeeName: String, payeeCode: String? = nil,
                payeeAccount: String? = nil, amount: Int64, category: String? = nil, projectCode: String? = nil,
                purpose: String? = nil, approverIDNumber: String? = nil) {
        self.voucherNo = voucherNo
        self.unitCode = unitCode
        self.date = date
        self.payeeName = payeeName
        self.payeeCode = payeeCode
        self.payeeAccount = payeeAccount
        self.amount = amount
        self.category = category
        self.projectCode = projectCode
        self.purpose = purpose
        self.approverIDNumber = approverIDNumber
    }
}
