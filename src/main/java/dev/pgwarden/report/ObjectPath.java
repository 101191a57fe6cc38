package dev.pgwarden.report;

import dev.pgwarden.results.Finding;

/**
 * Where a finding's object lives, for reports that locate results: the database (of the finding, or the
 * target's), the schema and the object. A table is named {@code schema.table}; a database-wide finding
 * names a database, a server-wide one the server (its evidence says which).
 *
 * @param kind {@code table}, {@code database} or {@code server}
 */
record ObjectPath(String database, String schema, String name, String kind) {

    static ObjectPath of(String target, Finding finding) {
        String object = finding.object();
        if (object.equals(finding.evidence().get("server_name"))) {
            return new ObjectPath(database(target), "", object, "server");
        }
        int dot = object.indexOf('.');
        Object evidenceDatabase = finding.evidence().get("database_name");
        if (dot > 0) {
            String database = evidenceDatabase == null ? database(target) : evidenceDatabase.toString();
            return new ObjectPath(database, object.substring(0, dot), object.substring(dot + 1), "table");
        }
        if (object.equals(evidenceDatabase)) {
            return new ObjectPath(object, "", object, "database");
        }
        return new ObjectPath(database(target), "", object, "server");
    }

    /** The database a target description names: the last path segment of its URL. */
    static String database(String target) {
        String path = target.split("\\?", 2)[0];
        int slash = path.lastIndexOf('/');
        return slash < 0 || slash == path.length() - 1 ? "" : path.substring(slash + 1);
    }

    /** {@code database.schema.object}, or shorter for database and server findings. */
    String qualifiedName() {
        return switch (kind) {
            case "table" -> (database.isEmpty() ? "" : database + ".") + schema + "." + name;
            default -> name;
        };
    }
}
