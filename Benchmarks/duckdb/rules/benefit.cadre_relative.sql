-- benefit.cadre_relative 优亲厚友: a recipient in village V is a close relative or household
-- member of a village_cadre of V in post during P. The village is the row's village_code, else
-- its household's, else the person's household's. All programs. Subject id|program.
WITH person_village AS (
    SELECT ph.id, min(hv.village_code) AS village_code
    FROM person_household ph JOIN household_village hv USING (household_id)
    GROUP BY ph.id
), paid AS (
    SELECT b.id, b.program, b.period, b.period_start, last_day(b.period_start) AS period_end,
           coalesce(b.village_code, hv.village_code, pv.village_code) AS village_code
    FROM benefits b
    LEFT JOIN household_village hv ON hv.household_id = b.household_id
    LEFT JOIN person_village pv ON pv.id = b.id
    WHERE b.birth IS NOT NULL
), kin_or_member AS (
    SELECT id, member AS other FROM household_members
    UNION
    SELECT id, kin_id FROM kin
)
SELECT paid.id || '|' || paid.program AS subject, count(DISTINCT paid.period) AS periods,
       min(cadre.id) AS cadre_id
FROM paid
JOIN kin_or_member k ON k.id = paid.id
JOIN people cadre ON cadre.id = k.other AND cadre.unit_code = paid.village_code
WHERE cadre.category = 'village_cadre'
  AND cadre.since <= paid.period_end AND cadre."until" >= paid.period_start
GROUP BY paid.id, paid.program;
