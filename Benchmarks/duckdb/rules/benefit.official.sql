-- benefit.official 公职人员违规领取: a means-tested payment for period P goes to a publicly funded
-- person, or a household member of one, in post on at least one day of P. Subject id|program.
WITH paid AS (
    SELECT b.id, b.program, b.period, b.period_start, last_day(b.period_start) AS period_end, b.amount
    FROM benefits b JOIN programs p USING (program)
    WHERE p.means_tested AND b.birth IS NOT NULL
), related AS (
    SELECT DISTINCT id, id AS person FROM paid
    UNION ALL
    SELECT m.id, m.member FROM household_members m WHERE m.id IN (SELECT id FROM paid)
), hits AS (
    SELECT DISTINCT paid.id, paid.program, paid.period, paid.amount
    FROM paid
    JOIN related USING (id)
    JOIN people o ON o.id = related.person
    WHERE o.category IN ('civil_servant', 'institution_staff', 'soe_manager')
      AND o.since <= paid.period_end AND o."until" >= paid.period_start
)
SELECT id || '|' || program AS subject, count(DISTINCT period) AS periods
FROM hits GROUP BY id, program;
