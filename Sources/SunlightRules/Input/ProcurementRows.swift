import Foundation
import SunlightDomain

/// `tenders` 招标项目 (when no OCDS is available). Money in fen; `deadline` is an instant (the
/// contract's datetime: "without an offset, China local time"), which the rules read on its
/// China local date; the other dates are local dates. `method` is the contract's English code
/// (`open`, `invited`, `competitive_negotiation`, `consultation`, `inquiry`, `single_source`).
public struct TenderRow: Sendable, Equatable {
    public var tenderID: String
    public var title: String?
    public var buyerUnitCode: String
    public var method: String?
    public var ceiling: Int64?
    public var publishedDate: LocalDate?
    public var deadline: Date?
    public var awardDate: LocalDate?
    public var winnerUSCC: String?
    public var awardAmount: Int64?

    public init(tenderID: String, title: String? = nil, buyerUnitCode: String, method: String? = nil, ceiling: Int64? = nil,
                publishedDate: LocalDate? = nil, deadline: Date? = nil, awardDate: LocalDate? = nil, winnerUSCC: String? = nil,
                awardAmount: Int64? = nil) {
        self.tenderID = tenderID
        self.title = title
        self.buyerUnitCode = buyerUnitCode
        self.method = method
        self.ceiling = ceiling
        self.publishedDate = publishedDate
        self.deadline = deadline
        self.awardDate = awardDate
        self.winnerUSCC = winnerUSCC
        self.awardAmount = awardAmount
    }
}

/// `bids` 投标明细: one bidder's bid in one tender. Amount in fen; `submittedAt` an instant.
/// `status` is the contract's English code (`valid`, `disqualified`, `withdrawn`) or nil when
/// the column is empty. The evidence columns (hash, device, IP, bond account, contact) are kept
/// as written; the rules compare them normalised (rules.md, Bids).
public struct BidRow: Sendable, Equatable {
    public var tenderID: String
    public var bidderUSCC: String
    public var bidderName: String?
    public var amount: Int64
    public var submittedAt: Date?
    public var status: String?
    public var fileHash: String?
    public var deviceID: String?
    public var ip: String?
    public var bondAccount: String?
    public var contactName: String?
    public var contactPhone: String?

    public init(tenderID: String, bidderUSCC: String, bidderName: String? = nil, amount: Int64, submittedAt: Date? = nil,
                status: String? = nil, fileHash: String? = nil, deviceID: String? = nil, ip: String? = nil,
                bondAccount: String? = nil, contactName: String? = nil, contactPhone: String? = nil) {
        self.tenderID = tenderID
        self.bidderUSCC = bidderUSCC
        self.bidderName = bidderName
        self.amount = amount
        self.submittedAt = submittedAt
        self.status = status
        self.fileHash = fileHash
        self.deviceID = deviceID
        self.ip = ip
        self.bondAccount = bondAccount
        self.contactName = contactName
        self.contactPhone = contactPhone
    }
}
