package dev.pgwarden.facts;

/**
 * Client connections against the slots ordinary users can take, with who holds them.
 *
 * @param usableSlots  max_connections − superuser_reserved_connections − reserved_connections
 * @param usedFraction clientBackends / usableSlots
 * @param idleInTransactionUser the role with the most sessions of the connected database idle in a
 *                              transaction; null when there is none
 */
public record ConnectionUsage(
        String serverName,
        int maxConnections,
        int superuserReservedConnections,
        int reservedConnections,
        int usableSlots,
        long clientBackends,
        double usedFraction,
        long active,
        long idle,
        long idleInTransaction,
        long idleInTransactionAborted,
        String topUsers,
        String topDatabases,
        String topApplications,
        String idleInTransactionUser) implements CatalogObject {

    @Override
    public String objectName() {
        return serverName;
    }
}
