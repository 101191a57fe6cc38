package dev.pgwarden.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.util.Map;

/**
 * Text for a console that may not take every character: what its charset cannot encode is written in ASCII
 * ({@code ×} as {@code x}, {@code …} as {@code ...}), where Java's own encoder would write {@code ?} and turn
 * "7.5× its trigger" into "7.5? its trigger".
 */
final class ConsoleWriter extends FilterWriter {

    private static final Map<Integer, String> ASCII = Map.ofEntries(
            Map.entry((int) '×', "x"), Map.entry((int) '…', "..."), Map.entry((int) '→', "->"),
            Map.entry((int) '←', "<-"), Map.entry((int) 'µ', "u"), Map.entry((int) 'μ', "u"),
            Map.entry((int) '≈', "~"), Map.entry((int) '–', "-"), Map.entry((int) '—', "-"),
            Map.entry((int) '−', "-"), Map.entry((int) '∞', "inf"), Map.entry((int) '±', "+/-"),
            Map.entry((int) '≤', "<="), Map.entry((int) '≥', ">="), Map.entry((int) '‘', "'"),
            Map.entry((int) '’', "'"), Map.entry((int) '“', "\""), Map.entry((int) '”', "\""),
            Map.entry((int) '•', "*"), Map.entry((int) 'ß', "ss"), Map.entry((int) '\u00a0', " "), Map.entry((int) '✅', "[ok]"),
            Map.entry((int) '❌', "[x]"), Map.entry((int) '⚠', "[!]"), Map.entry((int) '⏭', "[skip]"),
            Map.entry(0xfe0f, ""));

    private final CharsetEncoder encoder;
    private char pendingHighSurrogate;

    private ConsoleWriter(Writer out, Charset charset) {
        super(out);
        this.encoder = charset.newEncoder();
    }

    /** A writer to the console stream {@code out}, flushing at each line as {@code System.out} does. */
    static PrintWriter open(OutputStream out, Charset charset) {
        return new PrintWriter(new ConsoleWriter(new OutputStreamWriter(out, charset), charset), true);
    }

    /** {@code text} as the charset can take it. */
    static String fit(String text, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        if (encoder.canEncode(text)) {
            return text;
        }
        StringBuilder fitted = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> fitted.append(fit(c, encoder)));
        return fitted.toString();
    }

    private static String fit(int codePoint, CharsetEncoder encoder) {
        String character = Character.toString(codePoint);
        if (encoder.canEncode(character)) {
            return character;
        }
        String ascii = ASCII.get(codePoint);
        if (ascii != null) {
            return ascii;
        }
        // é → e: the letter without its accent, when it decomposes into one the console takes.
        String decomposed = Normalizer.normalize(character, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        if (!decomposed.isEmpty() && encoder.canEncode(decomposed)) {
            return decomposed;
        }
        return String.format("<U+%04X>", codePoint);
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        write(text.toCharArray(), offset, length);
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        StringBuilder text = new StringBuilder(length + 1);
        if (pendingHighSurrogate != 0) {
            text.append(pendingHighSurrogate);
            pendingHighSurrogate = 0;
        }
        text.append(buffer, offset, length);
        // A pair split between two writes is written whole with the second.
        if (text.length() > 0 && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            pendingHighSurrogate = text.charAt(text.length() - 1);
            text.setLength(text.length() - 1);
        }
        String chunk = text.toString();
        out.write(encoder.canEncode(chunk) ? chunk : fit(chunk, encoder.charset()));
    }
}
