-- benefit.deceased 死亡人员冒领: a payment's period month is after the month of death
-- (grace_months = 0); several death rows for one ID: the earliest. Subject id_number|program.
WITH death AS (
    SELECT id, min(death_date) AS death_date FROM deaths GROUP BY id
)
SELECT b.id || '|' || b.program AS subject, any_value(death.death_date) AS death_date,
       count(DISTINCT b.period) AS periods, sum(b.amount) AS total
FROM benefits b JOIN death USING (id)
WHERE b.birth IS NOT NULL
  AND b.period_start > date_trunc('month', death.death_date) + INTERVAL 0 MONTH
GROUP BY b.id, b.program;
