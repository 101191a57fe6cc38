package dev.pgwarden.results;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over object names as findings print them ({@code public.events_*}, {@code analytics},
 * {@code *.audit_log}): {@code *} matches any run of characters, {@code ?} one; everything else is literal.
 */
public record ObjectPattern(String glob) {

    public ObjectPattern {
        Objects.requireNonNull(glob, "object pattern must not be null");
        if (glob.isBlank()) {
            throw new IllegalArgumentException("object pattern must not be blank");
        }
    }

    public boolean matches(String objectName) {
        return regex().matcher(objectName).matches();
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return glob;
    }
}
