-- payment.threshold_edge 贴线支付: amount in [950,000.00, 1,000,000.00), category general or
-- project. Subject unit|voucher.
SELECT unit_code || '|' || voucher_no AS subject, amount, 1000000 - amount AS below_by
FROM payments
WHERE category IN ('general', 'project') AND amount >= 950000 AND amount < 1000000;
