import SQLKit

/// Migrations 1 and 5 as they shipped, as literal DDL.
///
/// They used to build their tables from the live data contract, so a field
/// added to the contract would have silently changed new databases and never reached old ones.
/// A shipped migration never changes: a contract change needs a migration of its own, and
/// `MigrationTests` fails when the contract and the migrated schema disagree.
enum FrozenRegistryDDL {
    /// Migration 1: the registry tables.
    static func registry(_ kind: SunlightDatabase.Kind) -> [SQLQueryString] {
        [
            """
            CREATE TABLE units (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, unit_code TEXT, name TEXT, parent_code TEXT, kind TEXT, region_code TEXT,
                attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT
                NOT NULL
            )
            """,
            "CREATE INDEX units_parent_code ON units (parent_code)",
            """
            CREATE TABLE people (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, id_number TEXT, name TEXT, unit_code TEXT, post TEXT, rank TEXT, category TEXT,
                is_leader BOOLEAN, since TEXT, until TEXT, attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL,
                created_at TEXT NOT NULL, updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX people_name ON people (name)",
            "CREATE INDEX people_unit_code ON people (unit_code)",
            """
            CREATE TABLE relatives (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, id_number TEXT, relative_id_number TEXT, relative_name TEXT, relation TEXT,
                attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT
                NOT NULL
            )
            """,
            "CREATE INDEX relatives_id_number ON relatives (id_number)",
            "CREATE INDEX relatives_relative_id_number ON relatives (relative_id_number)",
            """
            CREATE TABLE households (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, household_id TEXT, id_number TEXT, name TEXT, relation_to_head TEXT,
                village_code TEXT, attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX households_household_id ON households (household_id)",
            "CREATE INDEX households_id_number ON households (id_number)",
            "CREATE INDEX households_village_code ON households (village_code)",
            """
            CREATE TABLE companies (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, uscc TEXT, name TEXT, legal_rep_id_number TEXT, legal_rep_name TEXT, established
                TEXT, address TEXT, phone TEXT, status TEXT, status_date TEXT, attributes TEXT NOT NULL DEFAULT '{}',
                record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX companies_legal_rep_id_number ON companies (legal_rep_id_number)",
            "CREATE INDEX companies_name ON companies (name)",
            """
            CREATE TABLE company_roles (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, uscc TEXT, holder_id_number TEXT, holder_uscc TEXT, holder_name TEXT, role TEXT,
                share_pct TEXT, attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX company_roles_holder_id_number ON company_roles (holder_id_number)",
            "CREATE INDEX company_roles_uscc ON company_roles (uscc)",
        ]
    }

    /// Migration 5: the government tables.
    static func government(_ kind: SunlightDatabase.Kind) -> [SQLQueryString] {
        [
            """
            CREATE TABLE deaths (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, id_number TEXT, name TEXT, death_date TEXT, attributes TEXT NOT NULL DEFAULT
                '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX deaths_name ON deaths (name)",
            """
            CREATE TABLE vehicles (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, plate TEXT, owner_id_number TEXT, owner_name TEXT, vehicle_type TEXT, registered
                TEXT, attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at
                TEXT NOT NULL
            )
            """,
            "CREATE INDEX vehicles_owner_id_number ON vehicles (owner_id_number)",
            """
            CREATE TABLE programs (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, program TEXT, means_tested BOOLEAN, exclusive_with TEXT, min_age BIGINT,
                attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT
                NOT NULL
            )
            """,
            """
            CREATE TABLE benefits (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, program TEXT, period TEXT, id_number TEXT, name TEXT, household_id TEXT,
                village_code TEXT, amount BIGINT, account TEXT, paid_date TEXT, attributes TEXT NOT NULL DEFAULT '{}',
                record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX benefits_id_number ON benefits (id_number)",
            "CREATE INDEX benefits_name ON benefits (name)",
            "CREATE INDEX benefits_program_period ON benefits (program, period)",
            "CREATE INDEX benefits_village_code ON benefits (village_code)",
            """
            CREATE TABLE budgets (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, year BIGINT, unit_code TEXT, category TEXT, project_code TEXT, amount BIGINT,
                attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT
                NOT NULL
            )
            """,
            "CREATE INDEX budgets_unit_code ON budgets (unit_code)",
            """
            CREATE TABLE payments (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, voucher_no TEXT, unit_code TEXT, date TEXT, payee_name TEXT, payee_code TEXT,
                payee_account TEXT, amount BIGINT, category TEXT, project_code TEXT, purpose TEXT, approver_id_number TEXT,
                attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT
                NOT NULL
            )
            """,
            "CREATE INDEX payments_payee_name ON payments (payee_name)",
            "CREATE INDEX payments_unit_code ON payments (unit_code)",
            """
            CREATE TABLE projects (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, project_code TEXT, name TEXT, unit_code TEXT, approved_budget BIGINT,
                funding_source TEXT, approved_date TEXT, tender_id TEXT, contract_amount BIGINT, final_amount BIGINT,
                approved_scale TEXT, actual_scale TEXT, status TEXT, accepted_date TEXT, closed_date TEXT, attributes TEXT NOT
                NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX projects_name ON projects (name)",
            "CREATE INDEX projects_unit_code ON projects (unit_code)",
            """
            CREATE TABLE tenders (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, tender_id TEXT, title TEXT, buyer_unit_code TEXT, method TEXT, ceiling BIGINT,
                published_date TEXT, deadline TEXT, award_date TEXT, winner_uscc TEXT, award_amount BIGINT, attributes TEXT
                NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX tenders_buyer_unit_code ON tenders (buyer_unit_code)",
            """
            CREATE TABLE bids (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, tender_id TEXT, bidder_uscc TEXT, bidder_name TEXT, amount BIGINT, submitted_at
                TEXT, status TEXT, file_hash TEXT, device_id TEXT, ip TEXT, bond_account TEXT, contact_name TEXT,
                contact_phone TEXT, attributes TEXT NOT NULL DEFAULT '{}', record_hash TEXT NOT NULL, created_at TEXT NOT
                NULL, updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX bids_bidder_uscc ON bids (bidder_uscc)",
            "CREATE INDEX bids_tender_id ON bids (tender_id)",
            """
            CREATE TABLE service_cases (id \(unsafeRaw: kind.serialPrimaryKey),
                row_key TEXT NOT NULL UNIQUE, case_no TEXT, matter TEXT, unit_code TEXT, received_at TEXT, completed_at TEXT,
                time_limit_days BIGINT, handler_id_number TEXT, status TEXT, attributes TEXT NOT NULL DEFAULT '{}',
                record_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX service_cases_unit_code ON service_cases (unit_code)",
        ]
    }
}
