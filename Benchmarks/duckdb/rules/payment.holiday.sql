-- payment.holiday 节假日支付: the payment date is not a working day (dates no notice covers are
-- not judged). Subject unit|voucher.
SELECT p.unit_code || '|' || p.voucher_no AS subject, p.date,
       CASE WHEN isodow(p.date) >= 6 THEN 'weekend' ELSE 'public_holiday' END AS day_kind
FROM payments p JOIN calendar c ON c.day = p.date
WHERE NOT c.working;
