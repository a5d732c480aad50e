-- Makes one table a shared record table: identity, version, who and when on every record, the triggers that keep
-- them and the history, row-level security and the grants. {table} is the quoted table name, {check} the predicate
-- a login must pass to write a record (safetymap_may_edit(geom), or safetymap_is_ward_office()).

ALTER TABLE {table}
  ADD COLUMN IF NOT EXISTS uid uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS changed_by text NOT NULL DEFAULT session_user,
  ADD COLUMN IF NOT EXISTS changed_at timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX IF NOT EXISTS {index} ON {table} (uid);

DROP TRIGGER IF EXISTS safetymap_stamp ON {table};
CREATE TRIGGER safetymap_stamp BEFORE INSERT OR UPDATE ON {table}
  FOR EACH ROW EXECUTE FUNCTION safetymap_stamp();
DROP TRIGGER IF EXISTS safetymap_record ON {table};
CREATE TRIGGER safetymap_record AFTER INSERT OR UPDATE OR DELETE ON {table}
  FOR EACH ROW EXECUTE FUNCTION safetymap_record();

ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS safetymap_read ON {table};
CREATE POLICY safetymap_read ON {table} FOR SELECT USING (true);
DROP POLICY IF EXISTS safetymap_insert ON {table};
CREATE POLICY safetymap_insert ON {table} FOR INSERT WITH CHECK ({check});
DROP POLICY IF EXISTS safetymap_update ON {table};
CREATE POLICY safetymap_update ON {table} FOR UPDATE USING ({check}) WITH CHECK ({check});
DROP POLICY IF EXISTS safetymap_delete ON {table};
CREATE POLICY safetymap_delete ON {table} FOR DELETE USING ({check});

GRANT SELECT ON {table} TO safetymap_reader;
GRANT INSERT, UPDATE, DELETE ON {table} TO safetymap_centre, safetymap_ward_office;
