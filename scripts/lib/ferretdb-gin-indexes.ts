/**
 * GIN twins for FerretDB's indexes, installed into the PostgreSQL database the embedded FerretDB
 * stores in. Tooling only: the backend never sees this, it declares its indexes through the mongodb
 * driver as it does against MongoDB.
 *
 * Why: FerretDB 1.24 turns an equality filter such as `{ paymentId: 'pi_1' }` into
 * `_jsonb->'paymentId' @> '"pi_1"'` (`_jsonb#>'{a,b}' @> …` for a dotted path), but builds each index
 * the backend declares as a btree on `(_jsonb->'paymentId')`. A btree cannot answer `@>`, so every
 * lookup, even by `_id`, reads the whole table (FerretDB issue #4646). A GIN index on the same
 * expression can, so each btree FerretDB creates gets one, made by the database itself:
 *
 * - an event trigger on `CREATE INDEX` adds the GIN index in the same transaction, so collections and
 *   indexes made later (every test backend's own database, an index added in a release) are covered
 *   without anyone re-running anything;
 * - `queuetix_gin_backfill()`, run at every start, covers indexes made before the trigger existed.
 *
 * How FerretDB lays out its data: each MongoDB database is a PostgreSQL schema holding
 * `_ferretdb_database_metadata` (one row per collection: its `table`, named from the collection plus a
 * hash, and its `indexes`, each with the `pgindex` name), and one table per collection with a single
 * `_jsonb` column. The trigger acts only on btree indexes of tables in such schemas whose every key is
 * `_jsonb -> 'field' [-> 'sub' …]`, and adds one GIN index per key (named from the table and a hash of
 * the expression, so two indexes over the same field share one). A GIN index left behind when FerretDB
 * drops its btree costs only writes; dropping a collection drops its table and with it both.
 */
import type pg from 'pg';

export const GIN_TWINS_SQL = String.raw`
CREATE OR REPLACE FUNCTION public.queuetix_gin_for_index(idx oid) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  nsp text;
  tbl text;
  keys int;
  made int := 0;
  expr text;
  parts text[];
  canonical text;
  target text;
BEGIN
  SELECT n.nspname, t.relname, x.indnkeyatts INTO nsp, tbl, keys
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_am am ON am.oid = i.relam
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE x.indexrelid = idx AND am.amname = 'btree';
  IF NOT FOUND OR tbl LIKE '\_ferretdb\_%' THEN RETURN 0; END IF;
  IF to_regclass(format('%I._ferretdb_database_metadata', nsp)) IS NULL THEN RETURN 0; END IF;
  FOR k IN 1 .. keys LOOP
    expr := pg_get_indexdef(idx, k, true);
    SELECT array_agg(replace(m[1], '''''', '''') ORDER BY ord) INTO parts
      FROM regexp_matches(expr, '''((?:[^'']|'''')*)''::text', 'g') WITH ORDINALITY AS r(m, ord);
    IF parts IS NULL THEN CONTINUE; END IF;
    -- Only FerretDB's own shape, _jsonb -> 'a' -> 'b' (nested in parentheses), rebuilt and compared in full.
    SELECT '_jsonb' || string_agg(' -> ' || quote_literal(p) || '::text', '' ORDER BY ord) INTO canonical
      FROM unnest(parts) WITH ORDINALITY AS u(p, ord);
    IF regexp_replace(expr, '[()]', '', 'g') <> regexp_replace(canonical, '[()]', '', 'g') THEN CONTINUE; END IF;
    target := CASE WHEN cardinality(parts) = 1 THEN format('(_jsonb -> %L)', parts[1])
                   ELSE format('(_jsonb #> %L::text[])', parts::text) END;
    -- fastupdate off: new entries go straight into the index instead of a pending list that every
    -- lookup reads through until a vacuum merges it (up to 4 MB of it while a sale inserts).
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin (%s) WITH (fastupdate = off)',
                   left(tbl, 40) || '_' || left(md5(target), 10) || '_gin', nsp, tbl, target);
    made := made + 1;
  END LOOP;
  RETURN made;
END
$fn$;

CREATE OR REPLACE FUNCTION public.queuetix_gin_on_create_index() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    BEGIN
      PERFORM public.queuetix_gin_for_index(r.objid);
    EXCEPTION WHEN OTHERS THEN
      -- FerretDB's own index stands either way; a lookup on it is only slower.
      RAISE WARNING 'queuetix: no GIN twin for index %: %', r.objid, SQLERRM;
    END;
  END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION public.queuetix_gin_backfill() RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  made int := 0;
BEGIN
  FOR r IN SELECT x.indexrelid FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') LOOP
    made := made + public.queuetix_gin_for_index(r.indexrelid);
  END LOOP;
  RETURN made;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS queuetix_gin_twins;
CREATE EVENT TRIGGER queuetix_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION public.queuetix_gin_on_create_index();
`;

/** Installs the trigger (idempotent) and gives existing FerretDB indexes their twins; how many keys were looked at. */
export async function installGinTwins(client: pg.Client): Promise<number> {
  await client.query(GIN_TWINS_SQL);
  const { rows } = await client.query<{ made: number }>('SELECT public.queuetix_gin_backfill() AS made');
  return rows[0]?.made ?? 0;
}
