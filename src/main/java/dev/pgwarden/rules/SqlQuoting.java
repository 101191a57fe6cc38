package dev.pgwarden.rules;

import java.util.Set;

/**
 * Quotes a value for SQL as PostgreSQL's own {@code quote_ident} and {@code quote_literal} do, for the template
 * filters {@code {column|ident}} and {@code {column|literal}}: a name holding a quote or a semicolon then stays
 * one name or one string when the remediation is pasted into psql.
 */
final class SqlQuoting {

    /**
     * The keywords quote_ident quotes: every category but unreserved, as PostgreSQL 18's
     * {@code pg_get_keywords()} lists them (quoting a word that is a keyword only elsewhere is still correct).
     */
    private static final Set<String> KEYWORDS = Set.of(("all analyse analyze and any array as asc asymmetric authorization"
            + " between bigint binary bit boolean both case cast char character check coalesce collate collation column"
            + " concurrently constraint create cross current_catalog current_date current_role current_schema current_time"
            + " current_timestamp current_user dec decimal default deferrable desc distinct do else end except exists extract"
            + " false fetch float for foreign freeze from full grant greatest group grouping having ilike in initially inner"
            + " inout int integer intersect interval into is isnull join json json_array json_arrayagg json_exists json_object"
            + " json_objectagg json_query json_scalar json_serialize json_table json_value lateral leading least left like limit"
            + " localtime localtimestamp merge_action national natural nchar none normalize not notnull null nullif numeric"
            + " offset on only or order out outer overlaps overlay placing position precision primary real references returning"
            + " right row select session_user setof similar smallint some substring symmetric system_user table tablesample"
            + " then time timestamp to trailing treat trim true union unique user using values varchar variadic verbose when"
            + " where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot"
            + " xmlserialize xmltable").split(" "));

    private SqlQuoting() {
    }

    /** {@code name} as an identifier: as it is when lower case letters, digits and underscores and no keyword, else in double quotes. */
    static String identifier(String name) {
        if (isPlain(name) && !KEYWORDS.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code value} as a string literal; with backslashes, an escape string ({@code E'...'}) as quote_literal writes. */
    static String literal(String value) {
        String quoted = "'" + value.replace("'", "''") + "'";
        return value.indexOf('\\') < 0 ? quoted : "E" + quoted.replace("\\", "\\\\");
    }

    private static boolean isPlain(String name) {
        if (name.isEmpty() || !(isLower(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        return name.chars().allMatch(c -> isLower(c) || (c >= '0' && c <= '9') || c == '_');
    }

    private static boolean isLower(int c) {
        return c >= 'a' && c <= 'z';
    }
}
