-- The database itself refuses to change or remove audit entries. H2 has no TRUNCATE trigger: a truncated
-- log is caught by `truce audit verify --against HEAD`.
create trigger audit_log_no_change before update, delete on audit_log
  for each row call 'org.truce.audit.AppendOnlyTrigger';
