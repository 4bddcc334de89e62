-- payment.sequence_gap 凭证断号: voucher numbers of a unit-year split into prefix + trailing
-- integer; for a prefix with ≥ 10 vouchers, each run of missing integers between min and max.
-- Subject unit|prefix|first missing (years merged).
WITH split AS (
    SELECT unit_code, year(date) AS year, rtrim(voucher_no, '0123456789') AS prefix, voucher_no
    FROM payments
), numbered AS (
    SELECT unit_code, year, prefix, TRY_CAST(substr(voucher_no, length(prefix) + 1) AS BIGINT) AS number
    FROM split
    WHERE length(prefix) < length(voucher_no)
), ordered AS (
    SELECT unit_code, year, prefix, number,
           lag(number) OVER (PARTITION BY unit_code, year, prefix ORDER BY number) AS previous,
           count(*) OVER (PARTITION BY unit_code, year, prefix) AS vouchers
    FROM numbered WHERE number IS NOT NULL
)
SELECT unit_code || '|' || prefix || '|' || (previous + 1) AS subject,
       list(year ORDER BY year) AS years, sum(number - previous - 1) AS missing
FROM ordered
WHERE vouchers >= 10 AND number > previous + 1
GROUP BY unit_code, prefix, previous + 1;
