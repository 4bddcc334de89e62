-- benefit.ineligible_age 年龄不符: the age (completed years) on the first day of P, from the
-- ID's birth date, is below the program's min_age. Subject id|program.
SELECT b.id || '|' || b.program AS subject, min(date_sub('year', b.birth, b.period_start)) AS youngest,
       any_value(p.min_age) AS min_age, count(DISTINCT b.period) AS periods
FROM benefits b JOIN programs p USING (program)
WHERE p.min_age IS NOT NULL AND b.birth IS NOT NULL
  AND date_sub('year', b.birth, b.period_start) < p.min_age
GROUP BY b.id, b.program;
