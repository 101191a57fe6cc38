package dev.pgwarden.results;

import java.util.regex.Pattern;

/**
 * A word of a shell command that a finding's remediation or a runbook prints, as a POSIX shell reads it back
 * unchanged: as it is when it holds only characters no shell treats specially, else in single quotes.
 */
public final class ShellWord {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.,:/+=@%-]+");

    private ShellWord() {
    }

    public static String of(String word) {
        return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
