-- service.stalled 超时未办结: open (status open, or no status and no completed_at), and working
-- days in (received, as-of] > time_limit_days. Subject case_no.
SELECT s.case_no AS subject, s.received, e.wd - r.wd AS working_days, s.time_limit_days
FROM service_cases s
JOIN calendar r ON r.day = s.received
JOIN calendar e ON e.day = DATE '{as_of}'
WHERE (s.status = 'open' OR (s.status IS NULL AND s.completed IS NULL))
  AND DATE '{as_of}' > s.received
  AND e.uncovered = r.uncovered
  AND e.wd - r.wd > s.time_limit_days;
