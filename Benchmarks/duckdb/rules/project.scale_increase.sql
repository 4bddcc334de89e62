-- project.scale_increase 擅自扩大规模: actual_scale > approved_scale, comparing the leading
-- numbers when the unit texts (after the number) match.
WITH parsed AS (
    SELECT project_code,
           TRY_CAST(replace(regexp_extract(approved_scale, '^([0-9][0-9,]*(\.[0-9]+)?)', 1), ',', '') AS DECIMAL(38, 6)) AS approved,
           lower(trim(regexp_replace(approved_scale, '^[0-9][0-9,]*(\.[0-9]*)?', ''))) AS approved_unit,
           TRY_CAST(replace(regexp_extract(actual_scale, '^([0-9][0-9,]*(\.[0-9]+)?)', 1), ',', '') AS DECIMAL(38, 6)) AS actual,
           lower(trim(regexp_replace(actual_scale, '^[0-9][0-9,]*(\.[0-9]*)?', ''))) AS actual_unit
    FROM projects
    WHERE approved_scale IS NOT NULL AND actual_scale IS NOT NULL
)
SELECT project_code AS subject, approved, actual, actual_unit AS unit
FROM parsed
WHERE approved_unit = actual_unit AND actual > approved;
