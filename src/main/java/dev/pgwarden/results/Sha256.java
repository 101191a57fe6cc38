package dev.pgwarden.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a text, in lowercase hex: how reports prove which files judged and match findings across runs. */
public final class Sha256 {

    private Sha256() {
    }

    /** Of the text's UTF-8 bytes, so a file's hash is the one {@code sha256sum} prints for it. */
    public static String of(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
