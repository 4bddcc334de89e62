-- project.no_funding 无资金来源: funding_source empty while the project has a tender, a contract
-- amount, or a status past planned. Subject project_code.
SELECT project_code AS subject, tender_id, contract_amount, status
FROM projects
WHERE funding_source IS NULL
  AND (tender_id IS NOT NULL OR contract_amount IS NOT NULL
       OR status IN ('tendering', 'building', 'accepted', 'closed'));
