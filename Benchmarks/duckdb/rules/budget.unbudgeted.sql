-- budget.unbudgeted 无预算支出: payments for a unit-year-category (and project, for category
-- project) with no budget line. Empty categories are ignored. Subject unit|year|category[|project].
WITH spending AS (
    SELECT unit_code, year(date) AS year, category,
           CASE WHEN category = 'project' THEN project_code END AS project_code,
           count(*) AS payments, sum(amount) AS total
    FROM payments WHERE category IS NOT NULL
    GROUP BY ALL
), lines AS (
    SELECT DISTINCT unit_code, year, category, CASE WHEN category = 'project' THEN project_code END AS project_code
    FROM budgets
)
SELECT s.unit_code || '|' || s.year || '|' || s.category || coalesce('|' || s.project_code, '') AS subject,
       s.payments, s.total
FROM spending s
WHERE NOT EXISTS (
    SELECT 1 FROM lines l
    WHERE l.unit_code = s.unit_code AND l.year = s.year AND l.category = s.category
      AND l.project_code IS NOT DISTINCT FROM s.project_code);
