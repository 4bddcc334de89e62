-- service.overdue 超时办结: working days in (received, completed] > time_limit_days, on local
-- dates; cases whose days the calendar does not cover are not judged. Subject case_no.
SELECT s.case_no AS subject, s.received, s.completed, e.wd - r.wd AS working_days, s.time_limit_days
FROM service_cases s
JOIN calendar r ON r.day = s.received
JOIN calendar e ON e.day = s.completed
WHERE s.completed > s.received
  AND e.uncovered = r.uncovered
  AND e.wd - r.wd > s.time_limit_days;
