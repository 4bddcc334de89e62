-- payment.sequence_gap 凭证断号: voucher numbers of a unit-year split into prefix + trailing
-- integer; for a prefix with ≥ 10 vouchers, each run of missing integers between min and max.
-- Subject unit|prefix|first missing (years merged).
WITH split AS (
    SELECT unit_code, year(date) AS year,
           regexp_extract(voucher_no, '^(.*?)([0-9]+)$', 1) AS prefix,
           TRY_CAST(regexp_extract(voucher_no, '^(.*?)([0-9]+)$', 2) AS BIGINT) AS number
    FROM payments
    WHERE regexp_matches(voucher_no, '[0-9]$')
), ordered AS (
    SELECT unit_code, year, prefix, number,
           lag(number) OVER (PARTITION BY unit_code, year, prefix ORDER BY number) AS previous,
           count(*) OVER (PARTITION BY unit_code, year, prefix) AS vouchers
    FROM split WHERE number IS NOT NULL
)
SELECT unit_code || '|' || prefix || '|' || (previous + 1) AS subject,
       list(year ORDER BY year) AS years, sum(number - previous - 1) AS missing
FROM ordered
WHERE vouchers >= 10 AND number > previous + 1
GROUP BY unit_code, prefix, previous + 1;
