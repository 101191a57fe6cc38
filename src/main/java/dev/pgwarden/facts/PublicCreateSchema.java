package dev.pgwarden.facts;

/**
 * A schema of the connected database in which PUBLIC, so every role, may create objects or look them up.
 *
 * @param schemaName   quoted for SQL
 * @param publicCreate whether PUBLIC may create objects in it
 * @param publicUsage  whether PUBLIC may use the schema (look up objects in it)
 * @param relations   tables, views, sequences and indexes in it now
 */
public record PublicCreateSchema(String schemaName, String owner, boolean publicCreate, boolean publicUsage, long relations)
        implements CatalogObject {

    @Override
    public String objectName() {
        return schemaName;
    }
}
