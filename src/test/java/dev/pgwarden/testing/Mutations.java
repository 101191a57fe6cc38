package dev.pgwarden.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed variants of a valid input, for parsers: truncated, bit-flipped, bytes dropped or repeated, lines
 * swapped or repeated, fields swapped, numbers made huge, negative or fractional. One to three mutations each,
 * all drawn from the caller's {@link Random}, so a fixed seed gives the same inputs every run.
 */
public final class Mutations {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern FIELD = Pattern.compile("\"[^\"]*\"\\s*:\\s*[^,}\\]]+|[A-Za-z_]+\\s*:\\s*[^\\n,}]+");
    private static final String[] HUGE = {"99999999999999999999999999", "-1", "-9223372036854775808", "9223372036854775807",
            "1e308", "NaN", "0", "1.5", "4294967296", "-0", "1e-300", "18446744073709551616"};

    private Mutations() {
    }

    public static byte[] mutate(String seed, Random random) {
        String text = seed;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            text = switch (random.nextInt(8)) {
                case 0 -> text.substring(0, random.nextInt(text.length() + 1));
                case 1 -> hugeNumber(text, random);
                case 2 -> swapLines(text, random);
                case 3 -> swapFields(text, random);
                case 4 -> repeatLine(text, random);
                case 5 -> dropSpan(text, random);
                default -> null;
            };
            if (text == null) {
                return flipBits(seed.getBytes(StandardCharsets.UTF_8), random);
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] flipBits(byte[] bytes, Random random) {
        byte[] flipped = Arrays.copyOf(bytes, bytes.length);
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && flipped.length > 0; i++) {
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return flipped;
    }

    private static String hugeNumber(String text, Random random) {
        List<int[]> spans = spans(NUMBER.matcher(text));
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + HUGE[random.nextInt(HUGE.length)] + text.substring(span[1]);
    }

    private static String swapFields(String text, Random random) {
        List<int[]> spans = spans(FIELD.matcher(text));
        if (spans.size() < 2) {
            return text;
        }
        int a = random.nextInt(spans.size());
        int b = random.nextInt(spans.size());
        int[] first = spans.get(Math.min(a, b));
        int[] second = spans.get(Math.max(a, b));
        if (first == second || first[1] > second[0]) {
            return text;
        }
        return text.substring(0, first[0]) + text.substring(second[0], second[1]) + text.substring(first[1], second[0])
                + text.substring(first[0], first[1]) + text.substring(second[1]);
    }

    private static String swapLines(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.size() < 2) {
            return text;
        }
        java.util.Collections.swap(lines, random.nextInt(lines.size()), random.nextInt(lines.size()));
        return String.join("\n", lines) + "\n";
    }

    private static String repeatLine(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) {
            return text;
        }
        int at = random.nextInt(lines.size());
        lines.add(at, lines.get(random.nextInt(lines.size())));
        return String.join("\n", lines) + "\n";
    }

    private static String dropSpan(String text, Random random) {
        if (text.isEmpty()) {
            return text;
        }
        int from = random.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + random.nextInt(40));
        return text.substring(0, from) + text.substring(to);
    }

    private static List<int[]> spans(Matcher matcher) {
        List<int[]> spans = new ArrayList<>();
        while (matcher.find()) {
            spans.add(new int[] {matcher.start(), matcher.end()});
        }
        return spans;
    }
}
