import SunlightDomain

/// `bid.same_device` 同一设备制作上传: ≥ 2 distinct bidders share device_id, ip or file_hash
/// (招标投标法实施条例 Art. 40: bid documents made by the same unit or person are deemed
/// collusion).
///
/// "Evidence signals use every bid row" (withdrawn and disqualified bids too); "device
/// upper-case, hash lower-case"; an IP is compared as written (trimmed). Each column is compared
/// with the same column of the other bids. See `SharedValueCheck` for the counts.
public struct BidSameDeviceRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.same_device" }
    public var version: Int { 1 }
    public var titleZh: String { "同一设备制作上传" }
    public var titleEn: String { "Bids made or uploaded on one device" }
    public var explanationZh: String {
        "不同投标人的电子投标文件由同一台电脑（机器码/MAC相同）制作、从同一IP上传，或文件哈希完全相同，说明投标文件出自同一单位或个人之手，按《招标投标法实施条例》第四十条视为串通投标。所有投标记录（含撤回、否决的）均参与比对。"
    }
    public var explanationEn: String {
        "Different bidders' electronic bids made on one computer (the same machine code or MAC), uploaded from one IP address, or with identical file hashes came from one hand; Article 40 of the Implementing Regulations deems this collusion. Every bid row, withdrawn or disqualified ones included, is compared."
    }
    public var inputs: [String] { ["bids", "tenders"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        SharedValueCheck(fields: [.device, .ip, .fileHash],
                         missingZh: "投标明细缺少机器码、上传IP和文件哈希", missingEn: "the bids lack device ID, IP and file hash")
            .evaluate(self, data, context) { _ in .high }
    }
}
