-- benefit.company 经商违规领取: a means-tested recipient or household member is linked to a
-- company established on or before the end of P (empty = established) and not deregistered or
-- revoked before P (status_date ≥ first day of P still counts; gone without a date does not).
-- Subject id|program.
WITH paid AS (
    SELECT b.id, b.program, b.period, b.period_start, last_day(b.period_start) AS period_end
    FROM benefits b JOIN programs p USING (program)
    WHERE p.means_tested AND b.birth IS NOT NULL
), related AS (
    SELECT DISTINCT id, id AS person FROM paid
    UNION ALL
    SELECT m.id, m.member FROM household_members m WHERE m.id IN (SELECT id FROM paid)
)
SELECT paid.id || '|' || paid.program AS subject, count(DISTINCT paid.period) AS periods,
       count(DISTINCT c.uscc) AS companies
FROM paid
JOIN related USING (id)
JOIN company_links l ON l.id = related.person
JOIN companies c ON c.uscc = l.uscc
WHERE (c.established IS NULL OR c.established <= paid.period_end)
  AND NOT (coalesce(c.status IN ('deregistered', 'revoked'), FALSE)
           AND (c.status_date IS NULL OR c.status_date < paid.period_start))
GROUP BY paid.id, paid.program;
