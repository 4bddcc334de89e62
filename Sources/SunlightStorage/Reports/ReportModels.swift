import Foundation
import SunlightRegime
import SunlightReports
import SunlightDomain

/// Where a report came in and what kind it is: the regime's vocabulary (`ReportSource`,
/// `ReportType`), so deadlines and statistics speak the same words as storage.
public typealias ReportChannel = ReportSource

/// What the reporter sees of the handling: deliberately coarse (Art. 30: material about the
/// handling does not go to the parties beyond what they are told).
public enum ReporterStatus: String, Sendable, CaseIterable {
    case received, accepted, inProgress = "in_progress", concluded

    public var zh: String {
        switch self {
        case .received: return "已收到，待受理"
        case .accepted: return "已受理"
        case .inProgress: return "办理中"
        case .concluded: return "已办结"
        }
    }

    public var en: String {
        switch self {
        case .received: return "received, awaiting acceptance"
        case .accepted: return "accepted"
        case .inProgress: return "being handled"
        case .concluded: return "concluded"
        }
    }
}

/// A file a reporter or handler attaches, before sealing.
public struct IncomingFile: Sendable {
    public let name: String
    public let contentType: String
    public let data: Data

    public init(name: String, contentType: String, data: Data) {
        self.name = name
        self.contentType = contentType
        self.data = data
    }

    public static let maxFiles = 5
    public static let maxBytes = 10 << 20
}

/// The result of a submission: the receipt code is shown once and exists nowhere else.
public struct SubmittedReport: Sendable {
    public let id: Int64
    public let reference: String
    public let receipt: ReceiptCode?
    public let receivedOn: String
}

/// One message of a report's conversation, opened.
public struct ReportMessage: Sendable {
    public enum Author: String, Sendable { case reporter, handler }
    public let at: String
    public let author: Author
    public let text: String
}

/// An attachment's metadata, opened.
public struct ReportFileInfo: Sendable {
    public let id: Int64
    public let at: String
    public let author: ReportMessage.Author
    public let name: String
    public let contentType: String
    public let size: Int
}

/// What a reporter sees with their receipt code.
public struct ReporterView: Sendable {
    public let reference: String
    public let receivedOn: String
    public let status: ReporterStatus
    public let messages: [ReportMessage]
    public let files: [ReportFileInfo]
}

/// A report as an inspector sees it (identity only through an approved request).
public struct ReportDetail: Sendable {
    public let id: Int64
    public let reference: String
    public let channel: ReportChannel
    public let type: ReportType
    public let anonymous: Bool
    public let receivedAt: String
    public let receivedOn: String
    public let subjectName: String
    public let subjectUnit: String
    public let subjectPost: String
    public let text: String
    public let when: String
    public let hasReceipt: Bool
    public let clueID: Int64?
    public let findingID: Int64?
    public let repeatOf: Int64?
    public let enteredBy: String
    public let reporterStatus: ReporterStatus
    public let messages: [ReportMessage]
    public let files: [ReportFileInfo]
}

/// A report in a list: no content.
public struct ReportSummary: Sendable {
    public let id: Int64
    public let reference: String
    public let channel: ReportChannel
    public let type: ReportType
    public let anonymous: Bool
    public let receivedOn: String
    public let subjectName: String
    public let subjectUnit: String
    public let clueID: Int64?
    public let reporterStatus: ReporterStatus
}

/// Bad report input or a refused step, in both languages.
public struct ReportError: BilingualError, Equatable {
    public let code: String
    public let messageZh: String
    public let messageEn: String

    public init(code: String, messageZh: String, messageEn: String) {
        self.code = code
        self.messageZh = messageZh
        self.messageEn = messageEn
    }

    static let tooManyFiles = ReportError(code: "report.files_too_many", messageZh: "附件最多 \(IncomingFile.maxFiles) 个",
                                          messageEn: "at most \(IncomingFile.maxFiles) files")
    static let fileTooLarge = ReportError(code: "report.file_too_large", messageZh: "单个附件不能超过 10 MB",
                                          messageEn: "each file must be at most 10 MB")
    static let cannotRead = ReportError(code: "report.sealed", messageZh: "本机没有能打开该举报的办理机关密钥",
                                        messageEn: "this installation holds no office key that opens this report")
}
