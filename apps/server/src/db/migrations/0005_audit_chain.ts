/**
 * Tamper evidence for the audit log (see platform/audit-chain.ts). Each record gets a MAC chained
 * to the previous record's; the one-row audit_chain_head holds the last link, and every writer
 * locks it, which orders the records. The migration has no key, so it cannot chain the records
 * already there: it marks where the chain starts (legacy_until), and the server's first start
 * with the key seals those earlier records into the first link by count and digest.
 */
export const auditChain = `
  ALTER TABLE audit_log ADD COLUMN mac bytea;

  CREATE TABLE audit_chain_head (
    -- exactly one row
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    -- records with ids up to this one were written before the chain existed
    legacy_until bigint NOT NULL,
    last_id bigint,
    last_mac bytea,
    head_mac bytea,
    CHECK ((last_id IS NULL) = (last_mac IS NULL) AND (last_id IS NULL) = (head_mac IS NULL))
  );
  INSERT INTO audit_chain_head (legacy_until) SELECT coalesce(max(id), 0) FROM audit_log;

  -- Every new record must be a link: a writer that bypasses the chain fails at once instead of
  -- leaving a hole that only the next verification would show.
  CREATE FUNCTION audit_log_require_mac() RETURNS trigger AS $$
  BEGIN
    IF NEW.mac IS NULL THEN
      RAISE EXCEPTION 'audit_log records are chained: write them through recordAudit'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END $$ LANGUAGE plpgsql;
  CREATE TRIGGER audit_log_require_mac BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_require_mac();

  -- The head moves forward only by an UPDATE from the writer; it is never removed or re-created.
  CREATE FUNCTION audit_chain_head_keep() RETURNS trigger AS $$
  BEGIN
    RAISE EXCEPTION 'audit_chain_head has exactly one row' USING ERRCODE = 'insufficient_privilege';
  END $$ LANGUAGE plpgsql;
  CREATE TRIGGER audit_chain_head_keep BEFORE INSERT OR DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_chain_head_keep();
  CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_keep();
`;
