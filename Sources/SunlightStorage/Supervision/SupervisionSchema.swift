import SQLKit

/// Tables of the data supervision engine.
///
/// A *scan* runs rules over the imported data; each rule's run keeps its version, effective
/// parameters, a fingerprint of its input rows and its tri-state counts, so any finding can be
/// reproduced and explained later. A *finding* is one (rule, subject): a later scan refreshes
/// its evidence but never its review — a confirmed finding stays confirmed — and a subject no
/// longer flagged is kept, marked not current, with its history.
enum SupervisionSchema {
    static func create(on db: any SQLDatabase, kind: SunlightDatabase.Kind) async throws {
        try await db.raw(SQLQueryString("""
            CREATE TABLE scan_runs (
                id \(unsafeRaw: kind.serialPrimaryKey),
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                as_of TEXT NOT NULL,
                actor TEXT NOT NULL,
                parameters TEXT NOT NULL,
                dataset_fingerprints TEXT NOT NULL,
                rules_run BIGINT NOT NULL,
                findings_current BIGINT NOT NULL)
            """)).run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE rule_runs (
                id \(unsafeRaw: kind.serialPrimaryKey),
                scan_id BIGINT NOT NULL REFERENCES scan_runs(id),
                rule TEXT NOT NULL,
                version BIGINT NOT NULL,
                parameters TEXT NOT NULL,
                input_fingerprint TEXT NOT NULL,
                status TEXT NOT NULL,
                reason_zh TEXT,
                reason_en TEXT,
                flagged BIGINT NOT NULL,
                clear BIGINT NOT NULL,
                not_computable BIGINT NOT NULL,
                not_computable_reasons TEXT NOT NULL DEFAULT '[]',
                milliseconds BIGINT NOT NULL)
            """)).run()
        try await db.raw("CREATE INDEX rule_runs_rule ON rule_runs (rule, scan_id)").run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE findings (
                id \(unsafeRaw: kind.serialPrimaryKey),
                rule TEXT NOT NULL,
                subject TEXT NOT NULL,
                severity TEXT NOT NULL,
                unit_code TEXT,
                period TEXT,
                summary_zh TEXT NOT NULL,
                summary_en TEXT NOT NULL,
                evidence TEXT NOT NULL,
                evidence_hash TEXT NOT NULL,
                status TEXT NOT NULL,
                assignee TEXT,
                review_reason TEXT,
                is_current BOOLEAN NOT NULL,
                first_scan_id BIGINT NOT NULL,
                last_scan_id BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (rule, subject))
            """)).run()
        try await db.raw("CREATE INDEX findings_unit ON findings (unit_code)").run()
        try await db.raw("CREATE INDEX findings_status ON findings (status, is_current)").run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE finding_events (
                id \(unsafeRaw: kind.serialPrimaryKey),
                finding_id BIGINT NOT NULL REFERENCES findings(id),
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT)
            """)).run()
        try await db.raw("CREATE INDEX finding_events_finding ON finding_events (finding_id)").run()
        try await db.raw("""
            CREATE TABLE rule_settings (
                id INTEGER PRIMARY KEY,
                ini TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL)
            """).run()
    }
}
