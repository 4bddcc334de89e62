-- benefit.cadre_relative 优亲厚友: a recipient in village V is a close relative or household
-- member of a village_cadre of V in post during P. The village is the row's village_code, else
-- its household's, else the person's household's. All programs. Subject id|program.
-- Starts from the (few) cadres: their relatives and household members are the only candidates.
WITH cadre_kin AS (
    SELECT k.id AS recipient, c.id AS cadre_id, c.unit_code AS village_code, c.since, c."until"
    FROM people c
    JOIN (SELECT id, member AS other FROM household_members UNION SELECT id, kin_id FROM kin) k ON k.other = c.id
    WHERE c.category = 'village_cadre'
), person_village AS (
    SELECT ph.id, min(hv.village_code) AS village_code
    FROM person_household ph JOIN household_village hv USING (household_id)
    WHERE ph.id IN (SELECT recipient FROM cadre_kin)
    GROUP BY ph.id
), paid AS (
    SELECT b.id, b.program, b.period, b.period_start, last_day(b.period_start) AS period_end,
           coalesce(b.village_code, hv.village_code, pv.village_code) AS village_code
    FROM benefits b
    LEFT JOIN household_village hv ON hv.household_id = b.household_id
    LEFT JOIN person_village pv ON pv.id = b.id
    WHERE b.birth IS NOT NULL AND b.id IN (SELECT recipient FROM cadre_kin)
)
SELECT paid.id || '|' || paid.program AS subject, count(DISTINCT paid.period) AS periods,
       min(ck.cadre_id) AS cadre_id
FROM paid
JOIN cadre_kin ck ON ck.recipient = paid.id AND ck.village_code = paid.village_code
WHERE ck.since <= paid.period_end AND ck."until" >= paid.period_start
GROUP BY paid.id, paid.program;
