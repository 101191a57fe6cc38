package dev.pgwarden.engine;

import dev.pgwarden.connection.ConnectionSettings;
import dev.pgwarden.connection.SessionOptions;
import dev.pgwarden.connection.TargetSession;
import dev.pgwarden.connection.TargetUnreachableException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions opened ahead of their run: the command line starts connecting (TCP, TLS, the password exchange, the
 * session's settings) on a thread of its own while the rules are read and loaded, and the engine takes the
 * session when it gets to the target instead of only then waiting for the server. A connection lasts about as
 * long as reading the rules, so a check no longer waits for both one after the other. Whatever is not opened
 * ahead, the engine opens when it needs it.
 */
public final class SessionsOpenedAhead {

    private static final Map<String, CompletableFuture<TargetSession>> OPENING = new ConcurrentHashMap<>();

    private SessionsOpenedAhead() {
    }

    /** Starts opening a session for these settings, unless one is opening already. */
    static void open(ConnectionSettings settings, SessionOptions options) {
        CompletableFuture<TargetSession> opening = new CompletableFuture<>();
        if (OPENING.putIfAbsent(key(settings, options), opening) != null) {
            return;
        }
        Thread connecting = new Thread(() -> {
            try {
                opening.complete(TargetSession.open(settings, options));
            } catch (TargetUnreachableException | RuntimeException e) {
                opening.completeExceptionally(e);
            }
        }, "pgwarden connect");
        connecting.setDaemon(true);
        connecting.start();
    }

    /**
     * The session opened ahead for these settings, once it is open, or a session opened now when none was.
     *
     * @throws TargetUnreachableException as {@link TargetSession#open} does, whichever thread connected
     */
    static TargetSession take(ConnectionSettings settings, SessionOptions options) throws TargetUnreachableException {
        CompletableFuture<TargetSession> opening = OPENING.remove(key(settings, options));
        if (opening == null) {
            return TargetSession.open(settings, options);
        }
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TargetUnreachableException unreachable) {
                throw unreachable;
            }
            if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw e;
        }
    }

    /**
     * The settings as one string: a record's own equals and hashCode are bootstrapped on first use, which costs a
     * run's main thread more than the lookup saves.
     */
    private static String key(ConnectionSettings settings, SessionOptions options) {
        return String.join("\u0000", settings.jdbcUrl(), String.valueOf(settings.user()), String.valueOf(settings.password()),
                new java.util.TreeMap<>(settings.properties()).toString(), options.statementTimeout().toString(),
                options.lockTimeout().toString(), options.connectTimeout().toString());
    }

    /** Closes the sessions opened ahead that no run took (it stopped at a bad option, say), once they are open. */
    public static void closeUntaken() {
        for (String key : OPENING.keySet()) {
            CompletableFuture<TargetSession> opening = OPENING.remove(key);
            if (opening != null) {
                opening.thenAccept(TargetSession::close);
            }
        }
    }
}
