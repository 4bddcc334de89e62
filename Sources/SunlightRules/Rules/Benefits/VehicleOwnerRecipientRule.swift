import SunlightDomain

/// `benefit.vehicle` 有车违规领取: a means-tested recipient or a household member owns a vehicle
/// registered on or before the end of P.
///
/// "an empty registered counts as always owned; exempt = vehicle_type contains one of the words".
public struct VehicleOwnerRecipientRule: SupervisionRule {
    public init() {}
    public var code: String { "benefit.vehicle" }
    public var version: Int { 1 }
    public var titleZh: String { "有车违规领取" }
    public var titleEn: String { "Means-tested benefits to vehicle owners" }
    public var explanationZh: String {
        "家庭拥有机动车（摩托车、三轮汽车、低速货车、残疾人专用车等除外）一般不符合低保、特困等经济状况核查条件。将发放名册与车辆登记比对：本人或同户成员名下有在发放期间末日前登记的车辆即预警。"
    }
    public var explanationEn: String {
        "A household that owns a motor vehicle (other than motorcycles, tricycles, low-speed trucks or disability vehicles) is generally not eligible for means-tested benefits. The roll is matched against vehicle registrations: a vehicle registered by the end of the period to the recipient or a household member makes the rule fire."
    }
    public var inputs: [String] { ["benefits", "vehicles", "households", "programs"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "exempt_types", kind: .words, defaultValue: "摩托车, 三轮汽车, 低速货车, 残疾人",
                       descriptionZh: "车辆类型含有这些词之一的不计（逗号分隔）",
                       descriptionEn: "vehicle types containing one of these words are exempt (comma-separated)")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.benefits, .vehicles]) { return result }
        var run = RuleRun(self, context)
        let exempt = context.parameters.words(code, "exempt_types")
        var exemptType: [Int32: Bool] = [:]
        var cachedPerson: Int32 = -1
        var owned: [Int32] = []
        BenefitRoll.forEachSubject(data.benefits) { range in
            let first = data.benefits[range.lowerBound]
            guard data.programs.isMeansTested(first.program) else { return }
            guard first.idState == .parsed else {
                run.markNotComputable(zh: BenefitRoll.unreadableIDZh, en: BenefitRoll.unreadableIDEn)
                return
            }
            if cachedPerson != first.person {
                cachedPerson = first.person
                owned = Array(data.vehiclesOfOwner.values(first.person))
                for member in data.householdMembers(of: first.person) { owned += data.vehiclesOfOwner.values(member) }
                owned = owned.filter { index in
                    let type = data.vehicles[Int(index)].vehicleType
                    guard type >= 0 else { return true }
                    if let known = exemptType[type] { return !known }
                    let text = data.text(type)
                    let isExempt = exempt.contains { text.contains($0) }
                    exemptType[type] = isExempt
                    return !isExempt
                }
            }
            guard !owned.isEmpty else { run.markClear(); return }
            var offending: [Int] = []
            var used: Set<Int32> = []
            for i in range {
                let lastDay = BenefitRoll.days(of: data.benefits[i].period).last
                let held = owned.filter { data.vehicles[Int($0)].registeredDay <= lastDay }   // Day.none is the minimum
                guard !held.isEmpty else { continue }
                offending.append(i)
                used.formUnion(held)
            }
            guard !offending.isEmpty else { run.markClear(); return }
            let vehicles: [Evidence] = used.sorted().map { index in
                let v = data.vehicles[Int(index)]
                return .pairs([
                    ("plate", .string(data.text(v.plate))), ("owner_id_number", .string(data.text(v.owner))),
                    ("relation", .string(v.owner == first.person ? "self" : "household_member")),
                    ("vehicle_type", data.optionalText(v.vehicleType)), ("registered", Display.dateEvidence(v.registeredDay)),
                ])
            }
            let lead = data.vehicles[Int(used.sorted()[0])]
            let total = BenefitRoll.total(data, offending)
            let periods = BenefitRoll.distinctPeriods(data, offending)
            let program = data.text(first.program)
            let whose = lead.owner == first.person ? "名下" : "家庭成员名下"
            let whoseEn = lead.owner == first.person ? "owns" : "has a household member who owns"
            run.flag(
                subject: BenefitRoll.subject(data, first), severity: .medium,
                zh: "\(BenefitRoll.whoZh(data, first))\(whose)有车辆 \(data.text(lead.plate))，仍领取\(program) \(periods) 期，共 \(Display.yuan(total)) 元",
                en: "\(BenefitRoll.whoEn(data, first)) \(whoseEn) vehicle \(data.text(lead.plate)) and received \(program) for \(periods) period(s), \(Display.yuan(total)) yuan in total",
                evidence: .pairs([
                    ("id_number", .string(data.text(first.person))), ("name", .string(data.text(first.name))),
                    ("program", .string(program)), ("vehicles", .array(vehicles)),
                    ("periods", .array(offending.map { BenefitRoll.periodLine(data, data.benefits[$0]) })),
                    ("period_count", .int(periods)), ("total", .yuan(total)),
                ]))
        }
        return run.result()
    }
}
