package dev.pgwarden.facts.settings;

/**
 * A setting the running major knows and a major on the way to the target no longer lists.
 *
 * @param goneIn   the first major that no longer lists it
 * @param newName  the setting it was renamed to, or null when it was removed
 * @param accepted whether the target still accepts the old name as the new one (a server starts with it)
 * @param instead  what to use instead when it was removed, or null
 */
public record GoneSetting(String name, int currentMajor, int targetMajor, int goneIn, String newName, boolean accepted,
        String instead) {

    public boolean renamed() {
        return newName != null;
    }
}
