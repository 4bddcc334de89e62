-- budget.three_public_increase 三公经费增长: for travel_abroad, vehicles, reception, the year's
-- payments total > the previous year's (both years with payments). Subject unit|year|category.
WITH totals AS (
    SELECT unit_code, year(date) AS year, category, sum(amount) AS total
    FROM payments WHERE category IN ('travel_abroad', 'vehicles', 'reception')
    GROUP BY ALL
)
SELECT t.unit_code || '|' || t.year || '|' || t.category AS subject, t.total, prev.total AS previous_total
FROM totals t JOIN totals prev
  ON prev.unit_code = t.unit_code AND prev.category = t.category AND prev.year = t.year - 1
WHERE t.total > prev.total;
