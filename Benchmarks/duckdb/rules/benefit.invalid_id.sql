-- benefit.invalid_id 身份证号无效: the id_number fails GB 11643 or has no real birth date between
-- 1900-01-01 and the as-of date; empty IDs are not findings. Subject: raw id|program.
SELECT id_raw || '|' || program AS subject, count(DISTINCT period) AS periods, sum(amount) AS total
FROM benefits
WHERE id_raw <> '' AND (birth IS NULL OR birth > DATE '{as_of}')
GROUP BY id_raw, program;
