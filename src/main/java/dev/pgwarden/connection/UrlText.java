package dev.pgwarden.connection;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Decoding and query splitting shared by the JDBC URL and libpq URI parsers. */
final class UrlText {

    /** Decodes one component; may fail with a message naming {@code where}. */
    @FunctionalInterface
    interface Decoder {
        String decode(String text, String where) throws TargetConfigException;
    }

    private UrlText() {
    }

    /** RFC 3986 percent-decoding as libpq does it: '+' stays '+'. */
    static String percentDecode(String text, String where) throws TargetConfigException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int percent = text.indexOf('%', i);
            int end = percent < 0 ? text.length() : percent;
            bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            if (percent + 3 > text.length() || !isHex(text.substring(percent + 1, percent + 3))) {
                throw new TargetConfigException("invalid percent-encoding '" + text.substring(percent,
                        Math.min(percent + 3, text.length())) + "' in " + where);
            }
            bytes.write(HexFormat.fromHexDigits(text, percent + 1, percent + 3));
            i = percent + 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Form decoding as pgjdbc applies it to JDBC URLs: '+' becomes a space. */
    static String formDecode(String text, String where) throws TargetConfigException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TargetConfigException("invalid percent-encoding in " + where);
        }
    }

    /**
     * Splits {@code a=1&b=2} into decoded pairs, in order. A pair without '=' gets the value
     * {@code null}; the caller decides whether that is allowed.
     */
    static List<Map.Entry<String, String>> queryPairs(String query, Decoder decoder, String where)
            throws TargetConfigException {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return pairs;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decoder.decode(eq < 0 ? pair : pair.substring(0, eq), where);
            String value = eq < 0 ? null : decoder.decode(pair.substring(eq + 1), where);
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
        }
        return pairs;
    }

    private static boolean isHex(String two) {
        return two.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
