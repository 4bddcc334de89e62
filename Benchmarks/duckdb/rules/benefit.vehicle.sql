-- benefit.vehicle 有车违规领取: a means-tested recipient or a household member owns a vehicle
-- registered on or before the end of P (empty registered = always owned), except types
-- containing 摩托车, 三轮汽车, 低速货车 or 残疾人. Subject id|program.
WITH paid AS (
    SELECT b.id, b.program, b.period, last_day(b.period_start) AS period_end
    FROM benefits b JOIN programs p USING (program)
    WHERE p.means_tested AND b.birth IS NOT NULL
), related AS (
    SELECT DISTINCT id, id AS person FROM paid
    UNION ALL
    SELECT m.id, m.member FROM household_members m WHERE m.id IN (SELECT id FROM paid)
), cars AS (
    SELECT owner_id, plate, registered FROM vehicles
    WHERE vehicle_type IS NULL OR NOT regexp_matches(vehicle_type, '摩托车|三轮汽车|低速货车|残疾人')
)
SELECT paid.id || '|' || paid.program AS subject, count(DISTINCT paid.period) AS periods,
       count(DISTINCT cars.plate) AS vehicles
FROM paid
JOIN related USING (id)
JOIN cars ON cars.owner_id = related.person
WHERE cars.registered IS NULL OR cars.registered <= paid.period_end
GROUP BY paid.id, paid.program;
