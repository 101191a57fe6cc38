package dev.pgwarden.cli;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The character set the console takes: {@code stdout.encoding} when given (Java 18 and later set it from the
 * terminal; on 17 a launcher or user can pass it), else UTF-8 when the locale's variables say so, else the
 * locale's own ({@code native.encoding}: US-ASCII with {@code LANG} unset, as in many CI containers).
 * {@code file.encoding} is not the console's: on Java 18 and later it is UTF-8 whatever the terminal takes.
 */
final class ConsoleCharset {

    private ConsoleCharset() {
    }

    static Charset of(Map<String, String> environment, Properties properties) {
        Charset given = named(properties.getProperty("stdout.encoding"));
        if (given != null) {
            return given;
        }
        if (localeSaysUtf8(environment)) {
            return StandardCharsets.UTF_8;
        }
        Charset nativeCharset = named(properties.getProperty("native.encoding"));
        return nativeCharset != null ? nativeCharset : Charset.defaultCharset();
    }

    /** POSIX's order: the first of LC_ALL, LC_CTYPE and LANG that is set decides. */
    private static boolean localeSaysUtf8(Map<String, String> environment) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                String codeset = value.toLowerCase(Locale.ROOT);
                return codeset.contains("utf-8") || codeset.contains("utf8");
            }
        }
        return false;
    }

    private static Charset named(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
