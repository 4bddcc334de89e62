-- Load the demo CSVs into typed DuckDB tables, the way a data analyst would: read_csv with
-- every column as text, then cast and normalise once. `{data}` is replaced by the data folder
-- (run.py does it). IDs are normalised exactly as rules.md says (trimmed, upper-cased, a
-- 15-digit ID upgraded to 18); NFKC folding is not reproduced (DuckDB has only NFC, and the
-- demo data is plain ASCII/CJK).

-- GB 11643 check character of the first 17 digits.
CREATE OR REPLACE MACRO id_check(s) AS substr('10X98765432', 1 + ((
      7 * (ascii(substr(s, 1, 1)) - 48) +  9 * (ascii(substr(s, 2, 1)) - 48) + 10 * (ascii(substr(s, 3, 1)) - 48)
    + 5 * (ascii(substr(s, 4, 1)) - 48) +  8 * (ascii(substr(s, 5, 1)) - 48) +  4 * (ascii(substr(s, 6, 1)) - 48)
    + 2 * (ascii(substr(s, 7, 1)) - 48) +  1 * (ascii(substr(s, 8, 1)) - 48) +  6 * (ascii(substr(s, 9, 1)) - 48)
    + 3 * (ascii(substr(s, 10, 1)) - 48) + 7 * (ascii(substr(s, 11, 1)) - 48) + 9 * (ascii(substr(s, 12, 1)) - 48)
    + 10 * (ascii(substr(s, 13, 1)) - 48) + 5 * (ascii(substr(s, 14, 1)) - 48) + 8 * (ascii(substr(s, 15, 1)) - 48)
    + 4 * (ascii(substr(s, 16, 1)) - 48) + 2 * (ascii(substr(s, 17, 1)) - 48)) % 11), 1);

-- The matching key of an ID: trimmed, upper-cased, 15 digits upgraded to 18 ('' for empty).
CREATE OR REPLACE MACRO id_key(x) AS CASE
    WHEN regexp_full_match(upper(trim(coalesce(x, ''))), '[0-9]{15}')
        THEN (substr(upper(trim(x)), 1, 6) || '19' || substr(upper(trim(x)), 7))
             || id_check(substr(upper(trim(x)), 1, 6) || '19' || substr(upper(trim(x)), 7))
    ELSE upper(trim(coalesce(x, ''))) END;

-- The birth date of a valid ID key (17 digits, right check character, a real birth date from
-- 1900-01-01 on), else NULL: `birth IS NOT NULL` means "the ID could be read". The as-of bound
-- is benefit.invalid_id's own test.
CREATE OR REPLACE MACRO id_birth(k) AS CASE
    WHEN regexp_full_match(k, '[0-9]{17}[0-9X]') AND substr(k, 18, 1) = id_check(k)
         AND try_strptime(substr(k, 7, 8), '%Y%m%d')::DATE >= DATE '1900-01-01'
        THEN try_strptime(substr(k, 7, 8), '%Y%m%d')::DATE END;

CREATE OR REPLACE MACRO yuan(x) AS CAST(NULLIF(trim(replace(replace(replace(x, ',', ''), '元', ''), '￥', '')), '') AS DECIMAL(18, 2));
CREATE OR REPLACE MACRO d(x) AS CAST(NULLIF(trim(x), '') AS DATE);
CREATE OR REPLACE MACRO txt(x) AS NULLIF(trim(x), '');
CREATE OR REPLACE MACRO acct(x) AS NULLIF(regexp_replace(coalesce(x, ''), '[\s\-－‐–—]', '', 'g'), '');

CREATE OR REPLACE TABLE units AS
SELECT trim(unit_code) AS unit_code, name, txt(parent_code) AS parent_code, kind
FROM read_csv('{data}/units.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE people AS
SELECT id_key(id_number) AS id, name, trim(unit_code) AS unit_code, category,
       coalesce(d(since), DATE '0001-01-01') AS since, coalesce(d("until"), DATE '9999-12-31') AS "until"
FROM read_csv('{data}/people.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE relatives AS
SELECT id_key(id_number) AS id, id_key(relative_id_number) AS relative_id, relation
FROM read_csv('{data}/relatives.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE households AS
SELECT trim(household_id) AS household_id, id_key(id_number) AS id, txt(village_code) AS village_code
FROM read_csv('{data}/households.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE deaths AS
SELECT id_key(id_number) AS id, d(death_date) AS death_date
FROM read_csv('{data}/deaths.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE companies AS
SELECT upper(trim(uscc)) AS uscc, name, NULLIF(id_key(legal_rep_id_number), '') AS legal_rep_id,
       d(established) AS established, txt(status) AS status, d(status_date) AS status_date
FROM read_csv('{data}/companies.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE company_roles AS
SELECT upper(trim(uscc)) AS uscc, NULLIF(id_key(holder_id_number), '') AS holder_id, role
FROM read_csv('{data}/company_roles.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE vehicles AS
SELECT plate, id_key(owner_id_number) AS owner_id, txt(vehicle_type) AS vehicle_type, d(registered) AS registered
FROM read_csv('{data}/vehicles.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE programs_csv AS
SELECT trim(program) AS program,
       CASE WHEN txt(means_tested) IS NOT NULL THEN lower(trim(means_tested)) IN ('true', '1', 'y', '是') END AS means_tested,
       coalesce(exclusive_with, '') AS exclusive_with, TRY_CAST(min_age AS INTEGER) AS min_age
FROM read_csv('{data}/programs.csv', header = true, all_varchar = true);

CREATE OR REPLACE TABLE budgets AS
SELECT CAST(year AS INTEGER) AS year, trim(unit_code) AS unit_code, trim(category) AS category,
       txt(project_code) AS project_code, yuan(amount) AS amount
FROM read_csv('{data}/budgets.csv', header = true, all_varchar = true);

-- The two big files: read as text first, then typed. Their IDs are normalised once per
-- distinct spelling (id_map) rather than once per row.
CREATE OR REPLACE TEMP TABLE benefits_csv AS
SELECT * FROM read_csv('{data}/benefits.csv', header = true, all_varchar = true);

CREATE OR REPLACE TEMP TABLE payments_csv AS
SELECT * FROM read_csv('{data}/payments.csv', header = true, all_varchar = true);

CREATE OR REPLACE TEMP TABLE id_map AS
WITH spellings AS (
    SELECT DISTINCT id_number AS raw FROM benefits_csv
    UNION SELECT payee_code FROM payments_csv
    UNION SELECT approver_id_number FROM payments_csv
), keyed AS (
    SELECT raw, id_key(raw) AS id FROM spellings WHERE raw IS NOT NULL
)
SELECT raw, id, id_birth(id) AS birth FROM keyed;

-- birth IS NOT NULL = the ID could be read (checksum and birth date right).
CREATE OR REPLACE TABLE benefits AS
SELECT trim(b.program) AS program, trim(b.period) AS period,
       strptime(trim(b.period) || '-01', '%Y-%m-%d')::DATE AS period_start,
       upper(trim(coalesce(b.id_number, ''))) AS id_raw, coalesce(m.id, '') AS id, m.birth, b.name,
       txt(b.household_id) AS household_id, txt(b.village_code) AS village_code,
       yuan(b.amount) AS amount, acct(b.account) AS account, d(b.paid_date) AS paid_date
FROM benefits_csv b LEFT JOIN id_map m ON m.raw = b.id_number;

-- payee: the payee key (payee_code upper-cased, else the account without spaces or hyphens,
-- else the name); payee_person: a payee_code that is a valid resident ID (paid in person).
-- Sunlight's importer stores such a payee_code as the canonical 18-character ID (a 15-digit
-- one upgraded), so the payee key uses that form too.
CREATE OR REPLACE TABLE payments AS
SELECT trim(p.voucher_no) AS voucher_no, trim(p.unit_code) AS unit_code, d(p.date) AS date, trim(p.payee_name) AS payee_name,
       txt(upper(p.payee_code)) AS payee_code,
       coalesce(CASE WHEN payee.birth IS NOT NULL THEN payee.id END, txt(upper(p.payee_code)),
                acct(p.payee_account), trim(p.payee_name)) AS payee,
       CASE WHEN payee.birth IS NOT NULL THEN payee.id END AS payee_person,
       yuan(p.amount) AS amount, txt(p.category) AS category, txt(p.project_code) AS project_code,
       NULLIF(approver.id, '') AS approver_id
FROM payments_csv p
LEFT JOIN id_map payee ON payee.raw = p.payee_code
LEFT JOIN id_map approver ON approver.raw = p.approver_id_number;

DROP TABLE benefits_csv;
DROP TABLE payments_csv;
DROP TABLE id_map;

CREATE OR REPLACE TABLE projects AS
SELECT trim(project_code) AS project_code, trim(unit_code) AS unit_code, yuan(approved_budget) AS approved_budget,
       txt(funding_source) AS funding_source, txt(tender_id) AS tender_id,
       yuan(contract_amount) AS contract_amount, yuan(final_amount) AS final_amount,
       txt(approved_scale) AS approved_scale, txt(actual_scale) AS actual_scale, txt(status) AS status,
       d(accepted_date) AS accepted_date, d(closed_date) AS closed_date
FROM read_csv('{data}/projects.csv', header = true, all_varchar = true);

-- Datetimes without an offset are China local time (the date part); with one (RFC 3339), the
-- instant's date in China.
CREATE OR REPLACE MACRO local_date(x) AS CASE
    WHEN length(trim(x)) > 10 AND regexp_matches(trim(x), '(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$')
        THEN CAST(timezone('Asia/Shanghai', CAST(trim(x) AS TIMESTAMPTZ)) AS DATE)
    ELSE CAST(substr(trim(x), 1, 10) AS DATE) END;

CREATE OR REPLACE TABLE service_cases AS
SELECT trim(case_no) AS case_no, trim(unit_code) AS unit_code,
       local_date(received_at) AS received, local_date(NULLIF(trim(completed_at), '')) AS completed,
       CAST(time_limit_days AS INTEGER) AS time_limit_days, txt(status) AS status
FROM read_csv('{data}/service_cases.csv', header = true, all_varchar = true);
