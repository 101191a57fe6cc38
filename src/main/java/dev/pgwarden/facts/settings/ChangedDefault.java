package dev.pgwarden.facts.settings;

/**
 * A setting whose built-in default differs in the target major from the running one's, compared in bytes or
 * milliseconds where the majors count it in different units.
 *
 * @param changedIn        the first major on the way with the new default
 * @param currentDefault   the running major's default, as SHOW writes it
 * @param targetDefault    the target major's default, as SHOW writes it
 * @param pinStatement     ALTER SYSTEM that keeps today's default, with the reload or restart note it needs
 * @param unpinStatement   ALTER SYSTEM RESET, which undoes the pin (the built-in default again)
 * @param takesEffect      whether a reload applies the pin or the server must restart, after the setting's name
 */
public record ChangedDefault(String name, int currentMajor, int targetMajor, int changedIn, String currentDefault,
        String targetDefault, String context, String pinStatement, String unpinStatement, String takesEffect) {
}
