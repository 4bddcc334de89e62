-- payment.new_company 新设企业收款: the payee company (payee_code = USCC) was established ≤ 180
-- days before the payment (or after it) and the amount is ≥ 100,000. Subject unit|voucher.
SELECT p.unit_code || '|' || p.voucher_no AS subject, p.date, c.established, p.date - c.established AS days
FROM payments p JOIN companies c ON c.uscc = p.payee_code
WHERE p.amount >= 100000 AND c.established IS NOT NULL AND p.date - c.established <= 180;
