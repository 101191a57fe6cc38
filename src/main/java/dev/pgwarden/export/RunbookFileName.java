package dev.pgwarden.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code <check-id>--<object-slug>.md}: the same name for the same finding on every run, and a safe file name on
 * every file system whatever the object is called. The slug keeps letters and digits for people to read; a hash
 * of the whole name keeps objects apart that differ only in what the slug drops (case, quotes, non-ASCII letters).
 */
final class RunbookFileName {

    private static final int SLUG_LENGTH = 80;

    private RunbookFileName() {
    }

    static String of(String checkId, String object) {
        String slug = slug(object);
        String hash = hash(object);
        return slug(checkId) + "--" + (slug.isEmpty() ? hash : slug + "-" + hash) + ".md";
    }

    static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() <= SLUG_LENGTH ? slug : slug.substring(0, SLUG_LENGTH).replaceAll("-+$", "");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
