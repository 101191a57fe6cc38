-- Objects of the connected database that later majors no longer accept, each with the major that stopped
-- accepting it (removed_in), so rules can keep those the planned upgrade passes through: what pg_upgrade
-- itself refuses. Settings the new server no longer knows are upgrade-changed-defaults' (settings_in_use).
-- One column set for all:
--   change_statement        what to run on the old server before the upgrade
--   restore_statement       what puts the old server back as it was
--   after_upgrade_statement what to run on the new server to get the feature back in its new form
WITH postfix_operators AS (
    -- 14 removed postfix operators; pg_upgrade refuses user-defined ones (oid >= 16384).
    SELECT 'postfix-operator' AS feature,
           format('%I.%s(%s, NONE)', n.nspname, o.oprname, format_type(o.oprleft, NULL)) AS object_name,
           14 AS removed_in,
           format('postfix operator %s takes %s and calls %I.%I', o.oprname, format_type(o.oprleft, NULL),
                  pn.nspname, p.proname) AS detail,
           format('DROP OPERATOR %I.%s (%s, NONE);', n.nspname, o.oprname, format_type(o.oprleft, NULL)) AS change_statement,
           format('CREATE OPERATOR %I.%s (LEFTARG = %s, FUNCTION = %I.%I);', n.nspname, o.oprname,
                  format_type(o.oprleft, NULL), pn.nspname, p.proname) AS restore_statement,
           format('CREATE OPERATOR %I.%s (RIGHTARG = %s, FUNCTION = %I.%I);  -- a prefix operator: write "%s x" instead of "x %s"',
                  n.nspname, o.oprname, format_type(o.oprleft, NULL), pn.nspname, p.proname, o.oprname, o.oprname) AS after_upgrade_statement
      FROM pg_operator o
      JOIN pg_namespace n  ON n.oid = o.oprnamespace
      JOIN pg_proc p       ON p.oid = o.oprcode
      JOIN pg_namespace pn ON pn.oid = p.pronamespace
     WHERE o.oprright = 0 AND o.oid >= 16384
), encoding_conversions AS (
    -- 14 changed the signature of conversion functions; pg_upgrade refuses user-defined conversions.
    SELECT 'encoding-conversion',
           format('%I.%I', n.nspname, c.conname),
           14,
           format('conversion from %s to %s by %I.%I', pg_encoding_to_char(c.conforencoding),
                  pg_encoding_to_char(c.contoencoding), pn.nspname, p.proname),
           format('DROP CONVERSION %I.%I;', n.nspname, c.conname),
           format('CREATE %sCONVERSION %I.%I FOR %L TO %L FROM %I.%I;', CASE WHEN c.condefault THEN 'DEFAULT ' END,
                  n.nspname, c.conname, pg_encoding_to_char(c.conforencoding), pg_encoding_to_char(c.contoencoding),
                  pn.nspname, p.proname),
           NULL
      FROM pg_conversion c
      JOIN pg_namespace n  ON n.oid = c.connamespace
      JOIN pg_proc p       ON p.oid = c.conproc
      JOIN pg_namespace pn ON pn.oid = p.pronamespace
     WHERE c.oid >= 16384
), old_polymorphic_functions AS (
    -- 14 moved these built-in functions from anyarray/anyelement to anycompatiblearray/anycompatible.
    -- to_regprocedure gives NULL where the old signature no longer exists.
    SELECT to_regprocedure(signature) AS oid
      FROM unnest(ARRAY['array_append(anyarray,anyelement)', 'array_cat(anyarray,anyarray)',
                        'array_prepend(anyelement,anyarray)', 'array_remove(anyarray,anyelement)',
                        'array_replace(anyarray,anyelement,anyelement)', 'array_position(anyarray,anyelement)',
                        'array_position(anyarray,anyelement,integer)', 'array_positions(anyarray,anyelement)',
                        'width_bucket(anyelement,anyarray)']) AS signature
), old_polymorphic_aggregates AS (
    -- pg_upgrade refuses user aggregates built on them with an anyarray or anyelement state.
    SELECT 'old-polymorphic',
           format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),
           14,
           format('aggregate with state function %s and state type %s', a.aggtransfn::regprocedure,
                  format_type(a.aggtranstype, NULL)),
           format('DROP AGGREGATE %I.%I(%s);', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),
           definition.text,
           replace(replace(definition.text, 'anyelement', 'anycompatible'), 'anyarray', 'anycompatiblearray')
      FROM pg_aggregate a
      JOIN pg_proc p      ON p.oid = a.aggfnoid
      JOIN pg_namespace n ON n.oid = p.pronamespace
     CROSS JOIN LATERAL (
           SELECT format('CREATE AGGREGATE %I.%I(%s) (SFUNC = %s, STYPE = %s%s%s);', n.nspname, p.proname,
                         pg_get_function_identity_arguments(p.oid), a.aggtransfn::regproc, format_type(a.aggtranstype, NULL),
                         ', FINALFUNC = ' || nullif(a.aggfinalfn, 0)::regproc, ', INITCOND = ' || quote_literal(a.agginitval)) AS text
           ) definition
     WHERE p.oid >= 16384
       AND (a.aggtransfn IN (SELECT oid FROM old_polymorphic_functions)
            OR a.aggfinalfn IN (SELECT oid FROM old_polymorphic_functions))
       AND a.aggtranstype IN ('anyarray'::regtype, 'anyelement'::regtype)
), old_polymorphic_operators AS (
    SELECT 'old-polymorphic',
           format('%I.%s(%s, %s)', n.nspname, o.oprname, format_type(o.oprleft, NULL), format_type(o.oprright, NULL)),
           14,
           format('operator calling %s', o.oprcode::regprocedure),
           format('DROP OPERATOR %I.%s (%s, %s);', n.nspname, o.oprname, format_type(o.oprleft, NULL), format_type(o.oprright, NULL)),
           definition.text,
           replace(replace(definition.text, 'anyelement', 'anycompatible'), 'anyarray', 'anycompatiblearray')
      FROM pg_operator o
      JOIN pg_namespace n ON n.oid = o.oprnamespace
     CROSS JOIN LATERAL (
           SELECT format('CREATE OPERATOR %I.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = %s);', n.nspname, o.oprname,
                         format_type(o.oprleft, NULL), format_type(o.oprright, NULL), o.oprcode::regproc) AS text
           ) definition
     WHERE o.oid >= 16384
       AND o.oprcode IN (SELECT oid FROM old_polymorphic_functions)
       AND o.oprleft IN ('anyarray'::regtype, 'anyelement'::regtype)
), aclitem_columns AS (
    -- 16 widened aclitem; pg_upgrade refuses stored aclitem values (also in arrays and domains).
    SELECT 'aclitem-column',
           format('%I.%I.%I', n.nspname, c.relname, a.attname),
           16,
           format('column of type %s', format_type(a.atttypid, a.atttypmod)),
           format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE %s USING %I::%s;', n.nspname, c.relname, a.attname,
                  target.type_name, a.attname, target.type_name),
           format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE %s USING %I::%s;', n.nspname, c.relname, a.attname,
                  format_type(a.atttypid, a.atttypmod), a.attname, format_type(a.atttypid, a.atttypmod)),
           format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE %s USING %I::%s;', n.nspname, c.relname, a.attname,
                  format_type(a.atttypid, a.atttypmod), a.attname, format_type(a.atttypid, a.atttypmod))
      FROM pg_attribute a
      JOIN pg_class c     ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t      ON t.oid = a.atttypid
     CROSS JOIN LATERAL (SELECT CASE WHEN t.typcategory = 'A' THEN 'text[]' ELSE 'text' END AS type_name) target
     WHERE (a.atttypid IN ('aclitem'::regtype, 'aclitem[]'::regtype)
            OR t.typbasetype IN ('aclitem'::regtype, 'aclitem[]'::regtype))
       AND a.attnum > 0 AND NOT a.attisdropped AND a.attinhcount = 0
       AND c.relkind IN ('r', 'p')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
), not_null_inheritance AS (
    -- 18 keeps not-null constraints as inherited constraints; its schema restore fails on a child
    -- column that is nullable while the parent's is NOT NULL, and pg_upgrade refuses such columns.
    SELECT 'not-null-inheritance',
           format('%I.%I.%I', n.nspname, c.relname, ac.attname),
           18,
           format('nullable while the same column of parent %I.%I is NOT NULL', pn.nspname, pc.relname),
           format('ALTER TABLE %I.%I ALTER COLUMN %I SET NOT NULL;', n.nspname, c.relname, ac.attname),
           format('ALTER TABLE %I.%I ALTER COLUMN %I DROP NOT NULL;', n.nspname, c.relname, ac.attname),
           NULL
      FROM pg_inherits i
      JOIN pg_attribute ap ON ap.attrelid = i.inhparent
      JOIN pg_attribute ac ON ac.attrelid = i.inhrelid AND ac.attname = ap.attname
      JOIN pg_class c      ON c.oid = i.inhrelid
      JOIN pg_namespace n  ON n.oid = c.relnamespace
      JOIN pg_class pc     ON pc.oid = i.inhparent
      JOIN pg_namespace pn ON pn.oid = pc.relnamespace
     WHERE ap.attnum > 0 AND NOT ap.attisdropped AND ap.attnotnull AND NOT ac.attnotnull
)
SELECT feature, object_name, removed_in, detail, change_statement, restore_statement, after_upgrade_statement
  FROM (SELECT * FROM postfix_operators
        UNION ALL SELECT * FROM encoding_conversions
        UNION ALL SELECT * FROM old_polymorphic_aggregates
        UNION ALL SELECT * FROM old_polymorphic_operators
        UNION ALL SELECT * FROM aclitem_columns
        UNION ALL SELECT * FROM not_null_inheritance) f
 ORDER BY removed_in, feature, object_name
