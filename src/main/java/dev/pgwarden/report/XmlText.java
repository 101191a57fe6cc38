package dev.pgwarden.report;

/**
 * Text an XML 1.0 file can hold. The XML writer escapes markup but passes control characters through, and a
 * database object's name may contain any of them; each is replaced by its code, so the name stays recognizable
 * and the file stays readable.
 */
final class XmlText {

    private XmlText() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder result = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (allowed(c)) {
                result.appendCodePoint(c);
            } else {
                result.append(String.format("\\u%04x", c));
            }
        });
        return result.toString();
    }

    private static boolean allowed(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
