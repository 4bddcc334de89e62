-- payment.split 拆分支付规避采购: per unit and payee, payments below 1,000,000 chained while the
-- gap to the previous one is ≤ 30 days; a chain of ≥ 2 summing to ≥ 1,000,000.
-- Subject unit|payee|first date.
WITH small AS (
    SELECT unit_code, payee, date, amount, voucher_no,
           CASE WHEN date - lag(date) OVER w > 30 THEN 1 ELSE 0 END AS starts_chain
    FROM payments
    WHERE amount < 1000000
    WINDOW w AS (PARTITION BY unit_code, payee ORDER BY date, amount, voucher_no)
), chained AS (
    SELECT *, sum(starts_chain) OVER (PARTITION BY unit_code, payee ORDER BY date, amount, voucher_no
                                      ROWS UNBOUNDED PRECEDING) AS chain
    FROM small
)
SELECT unit_code || '|' || payee || '|' || strftime(min(date), '%Y-%m-%d') AS subject,
       count(*) AS payments, sum(amount) AS total, max(date) AS last_date
FROM chained
GROUP BY unit_code, payee, chain
HAVING count(*) >= 2 AND sum(amount) >= 1000000;
