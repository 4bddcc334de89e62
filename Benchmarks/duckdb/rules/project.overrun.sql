-- project.overrun 超概算: max(contract_amount, final_amount) > approved_budget × 1.10, exactly.
SELECT project_code AS subject, approved_budget, greatest(contract_amount, final_amount) AS amount
FROM projects
WHERE greatest(contract_amount, final_amount) > approved_budget * 1.10;
