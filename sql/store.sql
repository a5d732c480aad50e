-- safetymap's shared store: the roles, who may edit where, the history and the change notices.
-- Run by `safetymap share init` in one transaction with the layers; every statement may run again.

DO $$
BEGIN
  -- Everyone reads; a centre edits inside its districts; the ward office edits everywhere.
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'safetymap_reader') THEN
    CREATE ROLE safetymap_reader NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'safetymap_centre') THEN
    CREATE ROLE safetymap_centre NOLOGIN IN ROLE safetymap_reader;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'safetymap_ward_office') THEN
    CREATE ROLE safetymap_ward_office NOLOGIN IN ROLE safetymap_reader;
  END IF;
END
$$;

CREATE TABLE IF NOT EXISTS safetymap_store (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- The layers of the shared project, in drawing order, with what the map needs to show them.
CREATE TABLE IF NOT EXISTS safetymap_layers (
  table_name text PRIMARY KEY,
  layer_id text NOT NULL,
  role text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('district', 'ward_office')),
  position integer NOT NULL,
  name_ja text NOT NULL DEFAULT '',
  name_en text NOT NULL DEFAULT '',
  source_ja text NOT NULL DEFAULT '',
  source_en text NOT NULL DEFAULT '',
  spec jsonb NOT NULL DEFAULT '{}'
);

-- Which districts each centre's login may edit (the ward office's logins are members of safetymap_ward_office).
CREATE TABLE IF NOT EXISTS safetymap_logins (
  login text NOT NULL,
  district text NOT NULL,
  PRIMARY KEY (login, district)
);

-- One row per committed change of any shared record: who, when, which record, before and after.
CREATE TABLE IF NOT EXISTS safetymap_history (
  id bigserial PRIMARY KEY,
  layer text NOT NULL,
  uid uuid NOT NULL,
  op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  version integer NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX IF NOT EXISTS safetymap_history_record ON safetymap_history (layer, uid, id);

-- Strategy 2-1-1: each district's drill and study session, edited by its own centre.
CREATE TABLE IF NOT EXISTS safetymap_activities (
  district text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('drill', 'study')),
  status text NOT NULL CHECK (status IN ('not_recorded', 'done', 'planned', 'not_done')),
  PRIMARY KEY (district, kind)
);

CREATE OR REPLACE FUNCTION safetymap_is_ward_office() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT pg_has_role(session_user, 'safetymap_ward_office', 'MEMBER')
$$;

-- May this login edit a record with this geometry? Inside one of its districts (a point on the record's surface: the
-- layers a centre edits are points, and a point on a shared boundary counts for both districts), or anywhere for the
-- ward office. A record without a place is the ward office's.
CREATE OR REPLACE FUNCTION safetymap_may_edit(g geometry) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT safetymap_is_ward_office() OR (g IS NOT NULL AND NOT ST_IsEmpty(g) AND EXISTS (
    SELECT 1 FROM safetymap_logins l JOIN districts d ON d.name = l.district
    WHERE l.login = session_user AND ST_Intersects(d.geom, ST_PointOnSurface(g))))
$$;

CREATE OR REPLACE FUNCTION safetymap_may_edit_district(district text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT safetymap_is_ward_office() OR EXISTS (
    SELECT 1 FROM safetymap_logins l WHERE l.login = session_user AND l.district = $1)
$$;

-- Before a write: the server, not the client, says the version, who and when. A write that changes nothing is
-- skipped (no new version, no history row). A record made again under its old identity (an undone deletion, a
-- restore) goes on from its last version, so no version number is ever used twice for one record.
CREATE OR REPLACE FUNCTION safetymap_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF row(NEW.*) IS NOT DISTINCT FROM row(OLD.*) THEN
      RETURN NULL;
    END IF;
    NEW.uid := OLD.uid;
    NEW.version := OLD.version + 1;
  ELSE
    NEW.version := coalesce((SELECT max(h.version) FROM safetymap_history h
                             WHERE h.layer = TG_TABLE_NAME AND h.uid = NEW.uid), 0) + 1;
  END IF;
  NEW.changed_by := session_user;
  NEW.changed_at := now();
  RETURN NEW;
END
$$;

-- After a write: the history row, and a notice to every connected viewer.
CREATE OR REPLACE FUNCTION safetymap_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  b jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  a jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  v integer := CASE WHEN TG_OP = 'DELETE' THEN (b->>'version')::integer + 1 ELSE (a->>'version')::integer END;
  id uuid := (coalesce(a, b)->>'uid')::uuid;
  row_id bigint;
BEGIN
  -- Only the store's own tables: attached to a table of someone's making it would write history as its owner.
  IF TG_TABLE_SCHEMA <> 'public' OR (TG_TABLE_NAME <> 'safetymap_activities' AND NOT EXISTS (
       SELECT 1 FROM safetymap_layers WHERE table_name = TG_TABLE_NAME)) THEN
    RAISE EXCEPTION 'safetymap_record() keeps the history of the shared store''s tables only, not of %.%',
      TG_TABLE_SCHEMA, TG_TABLE_NAME;
  END IF;
  INSERT INTO safetymap_history (layer, uid, op, version, changed_by, changed_at, before, after)
  VALUES (TG_TABLE_NAME, id, lower(TG_OP), v, session_user, now(), b, a)
  RETURNING safetymap_history.id INTO row_id;
  -- The history row's id lets a viewer that lost its connection catch up on what it missed.
  PERFORM pg_notify('safetymap', json_build_object('layer', TG_TABLE_NAME, 'uid', id, 'op', lower(TG_OP),
                                                   'version', v, 'by', session_user, 'id', row_id)::text);
  RETURN NULL;
END
$$;

-- The trigger functions are the store's: nobody else may attach them to a table (a function runs as its owner).
REVOKE EXECUTE ON FUNCTION safetymap_record(), safetymap_stamp() FROM PUBLIC;

GRANT SELECT ON safetymap_store, safetymap_layers, safetymap_logins, safetymap_history TO safetymap_reader;
GRANT SELECT ON safetymap_activities TO safetymap_reader;
GRANT INSERT, UPDATE, DELETE ON safetymap_activities TO safetymap_centre, safetymap_ward_office;

-- QGIS's table of layer styles (QML), as QGIS makes it: QGIS opens each layer with safetymap's style.
CREATE TABLE IF NOT EXISTS layer_styles (
  id serial PRIMARY KEY,
  f_table_catalog varchar,
  f_table_schema varchar,
  f_table_name varchar,
  f_geometry_column varchar,
  stylename text,
  styleqml xml,
  stylesld xml,
  useasdefault boolean,
  description text,
  owner varchar(63) DEFAULT CURRENT_USER,
  ui xml,
  update_time timestamp DEFAULT CURRENT_TIMESTAMP,
  type varchar
);
GRANT SELECT ON layer_styles TO safetymap_reader;
