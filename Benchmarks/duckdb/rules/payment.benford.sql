-- payment.benford 本福特异常: ≥ 1000 payments of ≥ 10 yuan in a unit-year and first-digit MAD
-- > 0.015. Subject unit|year.
WITH firsts AS (
    SELECT unit_code, year(date) AS year,
           CAST(substr(CAST(CAST(floor(amount) AS BIGINT) AS VARCHAR), 1, 1) AS INTEGER) AS digit
    FROM payments WHERE amount >= 10
), sizes AS (
    SELECT unit_code, year, count(*) AS n FROM firsts GROUP BY unit_code, year HAVING count(*) >= 1000
), observed AS (
    SELECT unit_code, year, digit, count(*) AS k FROM firsts GROUP BY unit_code, year, digit
), grid AS (
    SELECT sizes.*, CAST(t.range AS INTEGER) AS digit FROM sizes CROSS JOIN range(1, 10) t
)
SELECT unit_code || '|' || year AS subject, n,
       sum(abs(coalesce(k, 0) / n - log10(1 + 1 / digit))) / 9 AS mad
FROM grid LEFT JOIN observed USING (unit_code, year, digit)
GROUP BY unit_code, year, n
HAVING sum(abs(coalesce(k, 0) / n - log10(1 + 1 / digit))) / 9 > 0.015;
