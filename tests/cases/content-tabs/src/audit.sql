-- @pattern architecture/audit-trail title="Audit table"
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  action TEXT NOT NULL
);
