-- conflict.payee 关联方收款: a unit pays a company linked to one of its own officials (in post on
-- the payment date) or to a close relative of one, or pays the official / relative in person
-- (payee_code = their ID); also when the official is the payment's approver, whatever their
-- unit. Subject official id|payee.
WITH holders AS (
    -- people behind the payee: the company's linked people, or the person paid
    SELECT p.rowid AS payment, l.id AS holder
    FROM payments p JOIN company_links l ON l.uscc = p.payee_code
    UNION ALL
    SELECT rowid, payee_person FROM payments WHERE payee_person IS NOT NULL
), candidates AS (
    SELECT payment, holder AS official FROM holders
    UNION ALL
    SELECT h.payment, k.kin_id FROM holders h JOIN kin k ON k.id = h.holder
)
SELECT o.id || '|' || p.payee AS subject, count(DISTINCT p.rowid) AS payments, min(p.date) AS first_date
FROM candidates c
JOIN payments p ON p.rowid = c.payment
JOIN people o ON o.id = c.official
WHERE o.category <> 'other'
  AND o.since <= p.date AND o."until" >= p.date
  AND (o.unit_code = p.unit_code OR p.approver_id = o.id)
GROUP BY o.id, p.payee;
