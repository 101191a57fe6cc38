package dev.pgwarden.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * {@code --shard I/N}: the I-th (from 0) of N disjoint slices of a fleet. A target belongs to the slice its
 * name hashes to, so the slices do not change when the fleet file is reordered, and adding a target moves
 * no other. Without I ({@code --shard N}), I is Kubernetes' {@code JOB_COMPLETION_INDEX}, which an Indexed
 * Job sets to 0..N-1 in its pods.
 */
record Shard(int index, int count) {

    static final String INDEX_VARIABLE = "JOB_COMPLETION_INDEX";

    Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + ": needs 0 <= I < N");
        }
    }

    static Shard parse(String text, Map<String, String> environment) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
            if (parts.length == 1) {
                String index = environment.get(INDEX_VARIABLE);
                if (index == null || index.isBlank()) {
                    throw new IllegalArgumentException("--shard " + text + ": give I/N, or set " + INDEX_VARIABLE + " (a Kubernetes Indexed Job does)");
                }
                return new Shard(Integer.parseInt(index.trim()), Integer.parseInt(parts[0]));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard " + text + ": expected I/N or N, whole numbers (" + INDEX_VARIABLE + "="
                    + environment.get(INDEX_VARIABLE) + ")", e);
        }
        throw new IllegalArgumentException("--shard " + text + ": expected I/N, e.g. 0/4, or N with " + INDEX_VARIABLE + " set");
    }

    /** Whether the target of this name is in this slice. */
    boolean owns(String targetName) {
        return of(targetName, count) == index;
    }

    /** The slice a target name falls into: SHA-256 spreads any names evenly, and is the same on every JVM. */
    static int of(String targetName, int count) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(targetName.getBytes(StandardCharsets.UTF_8));
            return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
