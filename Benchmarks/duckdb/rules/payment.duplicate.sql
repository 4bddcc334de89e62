-- payment.duplicate 重复支付: two payments of one unit, same payee and amount, ≤ 30 days apart
-- (inclusive), different vouchers. Subject: the later one (later date, then later voucher).
-- Ordered by (date, voucher), the previous payment of the group is the nearest earlier one,
-- so lag() is enough.
WITH ordered AS (
    SELECT unit_code, voucher_no, date, amount, payee,
           lag(date) OVER (PARTITION BY unit_code, payee, amount ORDER BY date, voucher_no) AS previous_date
    FROM payments
)
SELECT unit_code || '|' || voucher_no AS subject, date, previous_date, amount
FROM ordered
WHERE previous_date >= date - 30;
