-- Placeholder for the parallel change's 0003_audit_fields.sql, so that the
-- HSDS migration has its number, 4, on this branch. Take the other
-- branch's file when merging.
SELECT 1;
