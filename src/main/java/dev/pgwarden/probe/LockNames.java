package dev.pgwarden.probe;

import java.util.List;

/**
 * Names of the lock__wait probes' numbers as pg_locks spells them: {@code LockTagType} and {@code LOCKMODE} of
 * PostgreSQL's lock.h and lockdefs.h. PostgreSQL 14 inserted {@code frozenid} after {@code extend}, so the
 * tag numbers depend on the server's major version.
 */
final class LockNames {

    private static final List<String> TYPES_14 = List.of("relation", "extend", "frozenid", "page", "tuple",
            "transactionid", "virtualxid", "spectoken", "object", "userlock", "advisory");
    private static final List<String> TYPES_13 = List.of("relation", "extend", "page", "tuple",
            "transactionid", "virtualxid", "spectoken", "object", "userlock", "advisory");
    private static final List<String> MODES = List.of("NoLock", "AccessShareLock", "RowShareLock",
            "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
            "AccessExclusiveLock");

    private final List<String> types;

    LockNames(int major) {
        this.types = major >= 14 ? TYPES_14 : TYPES_13;
    }

    /** The highest tag type whose first two fields are a database and a relation (tuple). */
    int lastRelationTag() {
        return types.indexOf("tuple");
    }

    String type(int number) {
        return number >= 0 && number < types.size() ? types.get(number) : "locktag " + number;
    }

    static String mode(int number) {
        return number >= 0 && number < MODES.size() ? MODES.get(number) : "lock mode " + number;
    }
}
