-- payment.deregistered_payee 向注销企业付款: the payee company was deregistered or revoked with a
-- status_date strictly before the payment date. Subject unit|voucher.
SELECT p.unit_code || '|' || p.voucher_no AS subject, p.date, c.status, c.status_date
FROM payments p JOIN companies c ON c.uscc = p.payee_code
WHERE c.status IN ('deregistered', 'revoked') AND c.status_date < p.date;
