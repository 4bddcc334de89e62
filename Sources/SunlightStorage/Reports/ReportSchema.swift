import SQLKit

/// Tables of reports and clues.
///
/// A *report* is what came in — from the public portal, a letter, a visit, a 12388 call, a
/// transfer from above, or a data-supervision finding. Its words, the reporter's identity and
/// contact, its messages and files are stored only sealed (`SunlightReports`): the database
/// never holds them in clear. A *clue* is the matter under disposition; one clue may gather
/// several reports of the same matter. Deadlines, events and outcomes hang off the clue.
enum ReportSchema {
    static func create(on db: any SQLDatabase, kind: SunlightDatabase.Kind) async throws {
        // Public halves of the office keys; the private halves are files outside the database.
        try await db.raw("""
            CREATE TABLE office_keys (
                fingerprint TEXT PRIMARY KEY,
                public_key TEXT NOT NULL,
                created_at TEXT NOT NULL,
                retired_at TEXT)
            """).run()
        // One row: the installation's receipt-lookup salt.
        try await db.raw("CREATE TABLE report_settings (id INTEGER PRIMARY KEY, receipt_salt TEXT NOT NULL)").run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE reports (
                id \(unsafeRaw: kind.serialPrimaryKey),
                reference TEXT NOT NULL UNIQUE,
                channel TEXT NOT NULL,
                report_type TEXT NOT NULL,
                anonymous BOOLEAN NOT NULL,
                received_at TEXT NOT NULL,
                received_on TEXT NOT NULL,
                subject_name TEXT NOT NULL,
                subject_unit TEXT NOT NULL,
                subject_post TEXT NOT NULL,
                subject_id_number TEXT,
                sealed_text TEXT NOT NULL,
                sealed_when TEXT NOT NULL,
                sealed_identity TEXT,
                sealed_contact TEXT,
                receipt_hash TEXT UNIQUE,
                receipt_salt TEXT,
                receipt_wrapped_key TEXT,
                clue_id BIGINT,
                finding_id BIGINT,
                repeat_of BIGINT,
                entered_by TEXT NOT NULL,
                reporter_status TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """)).run()
        try await db.raw("CREATE INDEX reports_clue ON reports (clue_id)").run()
        try await db.raw("CREATE INDEX reports_subject ON reports (subject_name)").run()
        try await db.raw("""
            CREATE TABLE report_envelopes (
                report_id BIGINT NOT NULL REFERENCES reports(id),
                office_key TEXT NOT NULL REFERENCES office_keys(fingerprint),
                envelope TEXT NOT NULL,
                PRIMARY KEY (report_id, office_key))
            """).run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE report_messages (
                id \(unsafeRaw: kind.serialPrimaryKey),
                report_id BIGINT NOT NULL REFERENCES reports(id),
                at TEXT NOT NULL,
                author_kind TEXT NOT NULL,
                author TEXT,
                sealed_body TEXT NOT NULL)
            """)).run()
        try await db.raw("CREATE INDEX report_messages_report ON report_messages (report_id)").run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE report_files (
                id \(unsafeRaw: kind.serialPrimaryKey),
                report_id BIGINT NOT NULL REFERENCES reports(id),
                at TEXT NOT NULL,
                author_kind TEXT NOT NULL,
                stored_name TEXT NOT NULL UNIQUE,
                sealed_name TEXT NOT NULL,
                sealed_type TEXT NOT NULL,
                size BIGINT NOT NULL)
            """)).run()
        try await db.raw("CREATE INDEX report_files_report ON report_files (report_id)").run()
        // Viewing a reporter's identity needs a second person's approval, and is logged.
        try await db.raw(SQLQueryString("""
            CREATE TABLE identity_requests (
                id \(unsafeRaw: kind.serialPrimaryKey),
                report_id BIGINT NOT NULL REFERENCES reports(id),
                requested_by TEXT NOT NULL,
                requested_at TEXT NOT NULL,
                reason TEXT NOT NULL,
                decided_by TEXT,
                decided_at TEXT,
                approved BOOLEAN)
            """)).run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE clues (
                id \(unsafeRaw: kind.serialPrimaryKey),
                reference TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                report_type TEXT NOT NULL,
                real_name BOOLEAN NOT NULL,
                subject_name TEXT NOT NULL,
                subject_unit TEXT NOT NULL,
                subject_post TEXT NOT NULL,
                subject_id_number TEXT,
                unit_code TEXT,
                received_on TEXT NOT NULL,
                state TEXT NOT NULL,
                handler TEXT,
                proposer TEXT,
                proposal TEXT,
                closure_kind TEXT,
                finding_id BIGINT,
                regime_version TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """)).run()
        try await db.raw("CREATE INDEX clues_state ON clues (state)").run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE clue_events (
                id \(unsafeRaw: kind.serialPrimaryKey),
                clue_id BIGINT NOT NULL REFERENCES clues(id),
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_state TEXT,
                to_state TEXT,
                note TEXT)
            """)).run()
        try await db.raw("CREATE INDEX clue_events_clue ON clue_events (clue_id)").run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE clue_deadlines (
                id \(unsafeRaw: kind.serialPrimaryKey),
                clue_id BIGINT NOT NULL REFERENCES clues(id),
                rule_code TEXT NOT NULL,
                starts_on TEXT NOT NULL,
                due_on TEXT,
                extended_days BIGINT NOT NULL DEFAULT 0,
                extensions TEXT NOT NULL DEFAULT '[]',
                pauses TEXT NOT NULL DEFAULT '[]',
                met_on TEXT,
                handler TEXT,
                regime_version TEXT NOT NULL,
                UNIQUE (clue_id, rule_code))
            """)).run()
        try await db.raw("CREATE INDEX clue_deadlines_due ON clue_deadlines (met_on, due_on)").run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE clue_outcomes (
                id \(unsafeRaw: kind.serialPrimaryKey),
                clue_id BIGINT NOT NULL REFERENCES clues(id),
                person_name TEXT NOT NULL,
                person_id_number TEXT,
                form BIGINT NOT NULL,
                measure TEXT NOT NULL,
                sanction TEXT,
                sanction_months BIGINT,
                effective_on TEXT NOT NULL,
                influence_until TEXT,
                decided_by TEXT NOT NULL,
                note TEXT,
                created_at TEXT NOT NULL)
            """)).run()
        try await db.raw("CREATE INDEX clue_outcomes_person ON clue_outcomes (person_id_number)").run()
        try await db.raw(SQLQueryString("""
            CREATE TABLE integrity_talks (
                id \(unsafeRaw: kind.serialPrimaryKey),
                kind TEXT NOT NULL,
                held_on TEXT NOT NULL,
                person_name TEXT NOT NULL,
                person_id_number TEXT,
                unit_code TEXT,
                talked_by TEXT NOT NULL,
                topics TEXT NOT NULL,
                follow_up TEXT NOT NULL DEFAULT '',
                clue_id BIGINT,
                recorded_by TEXT NOT NULL,
                created_at TEXT NOT NULL)
            """)).run()
        try await db.raw("CREATE INDEX integrity_talks_person ON integrity_talks (person_id_number)").run()
        // Years an administrator added with `sunlight calendar add` (the shipped years are code).
        try await db.raw("""
            CREATE TABLE calendar_years (
                year BIGINT PRIMARY KEY,
                holidays TEXT NOT NULL,
                make_up_workdays TEXT NOT NULL,
                added_by TEXT NOT NULL,
                added_at TEXT NOT NULL)
            """).run()
    }
}
