-- Shared helper tables the rules join on (the analyst's "views", materialised once):
-- the working-day calendar, the effective programs, household membership, close relatives and
-- company links. Timed as its own step by run.py.

-- State Council holiday notices (regime.md, Sources/SunlightDomain/ShippedCalendars.swift):
-- one row per listed range; kind 'off' = holiday, 'work' = make-up workday.
CREATE OR REPLACE TABLE holiday_notices (notice_year INTEGER, first_day DATE, last_day DATE, kind VARCHAR);
INSERT INTO holiday_notices VALUES
    (2023, '2022-12-31', '2023-01-02', 'off'), (2023, '2023-01-21', '2023-01-27', 'off'), (2023, '2023-04-05', '2023-04-05', 'off'),
    (2023, '2023-04-29', '2023-05-03', 'off'), (2023, '2023-06-22', '2023-06-24', 'off'), (2023, '2023-09-29', '2023-10-06', 'off'),
    (2023, '2023-01-28', '2023-01-29', 'work'), (2023, '2023-04-23', '2023-04-23', 'work'), (2023, '2023-05-06', '2023-05-06', 'work'),
    (2023, '2023-06-25', '2023-06-25', 'work'), (2023, '2023-10-07', '2023-10-08', 'work'),
    (2024, '2024-01-01', '2024-01-01', 'off'), (2024, '2024-02-10', '2024-02-17', 'off'), (2024, '2024-04-04', '2024-04-06', 'off'),
    (2024, '2024-05-01', '2024-05-05', 'off'), (2024, '2024-06-10', '2024-06-10', 'off'), (2024, '2024-09-15', '2024-09-17', 'off'),
    (2024, '2024-10-01', '2024-10-07', 'off'),
    (2024, '2024-02-04', '2024-02-04', 'work'), (2024, '2024-02-18', '2024-02-18', 'work'), (2024, '2024-04-07', '2024-04-07', 'work'),
    (2024, '2024-04-28', '2024-04-28', 'work'), (2024, '2024-05-11', '2024-05-11', 'work'), (2024, '2024-09-14', '2024-09-14', 'work'),
    (2024, '2024-09-29', '2024-09-29', 'work'), (2024, '2024-10-12', '2024-10-12', 'work'),
    (2025, '2025-01-01', '2025-01-01', 'off'), (2025, '2025-01-28', '2025-02-04', 'off'), (2025, '2025-04-04', '2025-04-06', 'off'),
    (2025, '2025-05-01', '2025-05-05', 'off'), (2025, '2025-05-31', '2025-06-02', 'off'), (2025, '2025-10-01', '2025-10-08', 'off'),
    (2025, '2025-01-26', '2025-01-26', 'work'), (2025, '2025-02-08', '2025-02-08', 'work'), (2025, '2025-04-27', '2025-04-27', 'work'),
    (2025, '2025-09-28', '2025-09-28', 'work'), (2025, '2025-10-11', '2025-10-11', 'work'),
    (2026, '2026-01-01', '2026-01-03', 'off'), (2026, '2026-02-15', '2026-02-23', 'off'), (2026, '2026-04-04', '2026-04-06', 'off'),
    (2026, '2026-05-01', '2026-05-05', 'off'), (2026, '2026-06-19', '2026-06-21', 'off'), (2026, '2026-09-25', '2026-09-27', 'off'),
    (2026, '2026-10-01', '2026-10-07', 'off'),
    (2026, '2026-01-04', '2026-01-04', 'work'), (2026, '2026-02-14', '2026-02-14', 'work'), (2026, '2026-02-28', '2026-02-28', 'work'),
    (2026, '2026-05-09', '2026-05-09', 'work'), (2026, '2026-09-20', '2026-09-20', 'work'), (2026, '2026-10-10', '2026-10-10', 'work');

-- One row per day from the year before the first notice to the year after the last: working is
-- TRUE/FALSE, or NULL where no notice covers the day (not judged). wd / uncovered are running
-- counts, so working days in (a, b] = wd(b) − wd(a), judged when uncovered(b) = uncovered(a).
CREATE OR REPLACE TABLE calendar AS
WITH days AS (
    SELECT CAST(unnest(generate_series(DATE '2022-01-01', DATE '2027-12-31', INTERVAL 1 DAY)) AS DATE) AS day
), listed AS (
    SELECT CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day, kind FROM holiday_notices
), working AS (
    SELECT days.day,
           CASE WHEN listed.kind = 'off' THEN FALSE
                WHEN listed.kind = 'work' THEN TRUE
                WHEN year(days.day) IN (SELECT notice_year FROM holiday_notices) THEN isodow(days.day) <= 5
           END AS working
    FROM days LEFT JOIN listed USING (day)
)
SELECT day, working,
       sum(CASE WHEN working THEN 1 ELSE 0 END) OVER (ORDER BY day) AS wd,
       sum(CASE WHEN working IS NULL THEN 1 ELSE 0 END) OVER (ORDER BY day) AS uncovered
FROM working;

-- Programs: the contract's defaults, each overridden by a programs.csv row of the same name
-- (an empty cell keeps the default; the exclusive list replaces it).
CREATE OR REPLACE TABLE programs AS
WITH defaults (program, means_tested, exclusive_with, min_age) AS (VALUES
    ('城市低保', TRUE, '农村低保|特困供养', NULL::INTEGER),
    ('农村低保', TRUE, '城市低保|特困供养', NULL::INTEGER),
    ('特困供养', TRUE, '城市低保|农村低保', NULL::INTEGER),
    ('高龄津贴', FALSE, '', 80))
SELECT program,
       coalesce(c.means_tested, d.means_tested, FALSE) AS means_tested,
       CASE WHEN c.program IS NOT NULL THEN c.exclusive_with ELSE d.exclusive_with END AS exclusive_with,
       coalesce(c.min_age, d.min_age) AS min_age
FROM defaults d FULL OUTER JOIN programs_csv c USING (program);

-- exclusive_with is symmetric.
CREATE OR REPLACE TABLE exclusive_pairs AS
WITH listed AS (
    SELECT program AS a, trim(unnest(string_split(exclusive_with, '|'))) AS b FROM programs
)
SELECT DISTINCT a, b FROM (SELECT a, b FROM listed UNION ALL SELECT b, a FROM listed)
WHERE b <> '' AND a <> b;

-- Household membership: households.csv plus the household_id written on benefit rows.
CREATE OR REPLACE TABLE person_household AS
SELECT DISTINCT id, household_id FROM (
    SELECT id, household_id FROM households WHERE id <> ''
    UNION ALL
    SELECT id, household_id FROM benefits WHERE household_id IS NOT NULL AND id <> ''
);

CREATE OR REPLACE TABLE household_members AS
SELECT DISTINCT a.id, b.id AS member
FROM person_household a JOIN person_household b USING (household_id)
WHERE a.id <> b.id;

-- A household's village (households.csv).
CREATE OR REPLACE TABLE household_village AS
SELECT household_id, min(village_code) AS village_code FROM households
WHERE village_code IS NOT NULL GROUP BY household_id;

-- Close relatives, both ways (rows with A = B ignored).
CREATE OR REPLACE TABLE kin AS
SELECT DISTINCT id, kin_id FROM (
    SELECT id, relative_id AS kin_id FROM relatives
    WHERE relation IN ('spouse', 'child', 'parent', 'sibling', 'child_spouse')
    UNION ALL
    SELECT relative_id, id FROM relatives
    WHERE relation IN ('spouse', 'child', 'parent', 'sibling', 'child_spouse')
) WHERE id <> kin_id AND id <> '' AND kin_id <> '';

-- Company links: the legal representative, or a natural person in any company_roles row of a
-- company in companies.csv.
CREATE OR REPLACE TABLE company_links AS
SELECT DISTINCT id, uscc FROM (
    SELECT legal_rep_id AS id, uscc FROM companies WHERE legal_rep_id IS NOT NULL
    UNION ALL
    SELECT r.holder_id, r.uscc FROM company_roles r JOIN companies c USING (uscc) WHERE r.holder_id IS NOT NULL
);
