import Foundation
import SunlightDomain

/// `projects` 项目. Amounts in fen.
public struct ProjectRow: Sendable, Equatable {
    public var projectCode: String
    public var name: String
    public var unitCode: String
    public var approvedBudget: Int64
    public var fundingSource: String?
    public var approvedDate: LocalDate?
    public var tenderID: String?
    public var contractAmount: Int64?
    public var finalAmount: Int64?
    public var approvedScale: String?
    public var actualScale: String?
    public var status: String?
    public var acceptedDate: LocalDate?
    public var closedDate: LocalDate?

    public init(projectCode: String, name: String, unitCode: String, approvedBudget: Int64, fundingSource: String? = nil,
                approvedDate: LocalDate? = nil, tenderID: String? = nil, contractAmount: Int64? = nil,
                finalAmount: Int64? = nil, approvedScale: String? = nil, actualScale: String? = nil,
                status: String? = nil, acceptedDate: LocalDate? = nil, closedDate: LocalDate? = nil) {
        self.projectCode = projectCode
        self.name = name
        self.unitCode = unitCode
        self.approvedBudget = approvedBudget
        self.fundingSource = fundingSource
        self.approvedDate = approvedDate
        self.tenderID = tenderID
        self.contractAmount = contractAmount
        self.finalAmount = finalAmount
        self.approvedScale = approvedScale
        self.actualScale = actualScale
        self.status = status
        self.acceptedDate = acceptedDate
        self.closedDate = closedDate
    }
}

/// `service_cases` 政务服务办件. Times are instants; the rules count on the China local date.
public struct ServiceCaseRow: Sendable, Equatable {
    public var caseNo: String
    public var matter: String
    public var unitCode: String
    public var receivedAt: Date
    public var completedAt: Date?
    public var timeLimitDays: Int
    public var status: String?

    public init(caseNo: String, matter: String, unitCode: String, receivedAt: Date, completedAt: Date? = nil,
                timeLimitDays: Int, status: String? = nil) {
        self.caseNo = caseNo
        self.matter = matter
        self.unitCode = unitCode
        self.receivedAt = receivedAt
        self.completedAt = completedAt
        self.timeLimitDays = timeLimitDays
        self.status = status
    }
}
