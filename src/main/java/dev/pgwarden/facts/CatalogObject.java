package dev.pgwarden.facts;

/** A fact about one database object that a finding can name. */
public interface CatalogObject {

    /** The object as SQL would name it, quoted where needed: {@code public."Orders"}, a database name. */
    String objectName();
}
