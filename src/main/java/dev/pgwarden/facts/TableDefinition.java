package dev.pgwarden.facts;

/**
 * How one user table is defined: kind, persistence, keys and indexes, with size and rows as the
 * catalog last estimated them. For rules about definitions rather than use (see docs/writing-rules.md).
 */
public record TableDefinition(
        String qualifiedName,
        String schemaName,
        String tableName,
        String relkind,
        boolean unlogged,
        boolean partition,
        double estimatedRows,
        long estimatedBytes,
        boolean hasPrimaryKey,
        boolean hasUniqueIndex,
        long indexCount) implements CatalogObject {

    @Override
    public String objectName() {
        return qualifiedName;
    }
}
