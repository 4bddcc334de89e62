-- benefit.duplicate 重复领取: one person gets the same program twice in a period, or two mutually
-- exclusive programs in the same period. Subject id|period.
WITH multi AS (
    -- (person, period) with more than one payment: the only candidates
    SELECT id, period FROM benefits WHERE id <> '' GROUP BY id, period HAVING count(*) > 1
), paid AS (
    SELECT b.id, b.period, b.program FROM benefits b JOIN multi USING (id, period)
), repeated AS (
    SELECT id, period FROM paid GROUP BY id, period, program HAVING count(*) > 1
), exclusive AS (
    SELECT a.id, a.period
    FROM paid a
    JOIN paid b ON b.id = a.id AND b.period = a.period AND a.program < b.program
    JOIN exclusive_pairs e ON e.a = a.program AND e.b = b.program
)
SELECT id || '|' || period AS subject
FROM (SELECT * FROM repeated UNION SELECT * FROM exclusive)
GROUP BY id, period;
