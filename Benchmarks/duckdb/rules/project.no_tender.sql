-- project.no_tender 应招未招: contract_amount ≥ 4,000,000 and no tender_id.
SELECT project_code AS subject, contract_amount
FROM projects
WHERE contract_amount >= 4000000 AND tender_id IS NULL;
