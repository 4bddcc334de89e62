-- project.unclosed 验收未销号: status accepted, no closed_date, accepted_date + 365 < as-of.
SELECT project_code AS subject, accepted_date, DATE '{as_of}' - accepted_date AS days_since_accepted
FROM projects
WHERE status = 'accepted' AND closed_date IS NULL AND accepted_date + 365 < DATE '{as_of}';
