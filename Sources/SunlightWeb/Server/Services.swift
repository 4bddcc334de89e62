import SunlightImport
import SunlightStorage

/// What the capabilities share, built once at start-up. A capability builds what only it uses
/// (its own stores) from these.
struct Services: Sendable {
    let database: SunlightDatabase
    let ledger: Ledger
    let recorder: Recorder
    let records: RecordStore
    let accounts: AccountStore
    let importer: Importer
    let renderer: PageRenderer
    let configuration: WebConfiguration
    let throttle: LoginThrottle
    let findings: FindingStore
    let ruleRuns: RuleRunStore
    let ruleSettings: RuleSettingsStore
    let scanner: ScanService
    let reports: ReportStore
    let clues: ClueStore
}
