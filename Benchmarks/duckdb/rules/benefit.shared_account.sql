-- benefit.shared_account 多人共用账户: one account receives payments in one period for ≥ 3
-- distinct people from ≥ 2 households (a row's household: its own, else the person's, else
-- unknown = its own). Subject: the account.
WITH crowded AS (
    -- (account, period) with at least 3 people: the only candidates
    SELECT account, period FROM benefits
    WHERE account IS NOT NULL
    GROUP BY account, period HAVING count(DISTINCT id) >= 3
), person_hh AS (
    SELECT id, min(household_id) AS household_id FROM person_household GROUP BY id
), paid AS (
    SELECT b.account, b.period, b.id,
           coalesce(b.household_id, CASE WHEN b.id <> '' THEN ph.household_id END, '#' || b.id) AS household
    FROM benefits b
    JOIN crowded USING (account, period)
    LEFT JOIN person_hh ph ON ph.id = b.id
), shared AS (
    SELECT account, period, count(DISTINCT id) AS people, count(DISTINCT household) AS households
    FROM paid GROUP BY account, period
    HAVING count(DISTINCT household) >= 2
)
SELECT account AS subject, count(*) AS periods, max(people) AS most_people
FROM shared GROUP BY account;
