-- budget.overrun 超预算支出: payments total > budget (tolerance 0); several lines of one key
-- are summed. Subject unit|year|category[|project].
WITH spending AS (
    SELECT unit_code, year(date) AS year, category,
           CASE WHEN category = 'project' THEN project_code END AS project_code, sum(amount) AS total
    FROM payments WHERE category IS NOT NULL
    GROUP BY ALL
), lines AS (
    SELECT unit_code, year, category, CASE WHEN category = 'project' THEN project_code END AS project_code,
           sum(amount) AS budget
    FROM budgets GROUP BY ALL
)
SELECT s.unit_code || '|' || s.year || '|' || s.category || coalesce('|' || s.project_code, '') AS subject,
       s.total, l.budget, s.total - l.budget AS over_by
FROM spending s
JOIN lines l ON l.unit_code = s.unit_code AND l.year = s.year AND l.category = s.category
            AND l.project_code IS NOT DISTINCT FROM s.project_code
WHERE s.total > l.budget;
