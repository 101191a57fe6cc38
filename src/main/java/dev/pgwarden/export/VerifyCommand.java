package dev.pgwarden.export;

import dev.pgwarden.results.ShellWord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The {@code pgwarden check} command that judges one check again after its remediation, as the runbook was made:
 * the same target (described without a password), suite, own rules and that check's {@code --set} overrides.
 *
 * @param target    where the checks ran, as {@code ConnectionSettings.describe()} gives it (never a password), with the
 *                  run's {@code sslmode} when it had one
 * @param suite     the suite as given, left out when it is the default
 * @param rules     the user's rule directory, or null
 * @param overrides {@code --set} values as given
 */
public record VerifyCommand(String target, String suite, Path rules, List<String> overrides) {

    public VerifyCommand {
        Objects.requireNonNull(target, "target must not be null");
        overrides = List.copyOf(overrides);
    }

    public String forCheck(String checkId) {
        List<String> args = new ArrayList<>(List.of("pgwarden", "check", "--url", target));
        if (suite != null && !suite.equals("default")) {
            args.addAll(List.of("--suite", suite));
        }
        if (rules != null) {
            args.addAll(List.of("--rules", rules.toString()));
        }
        args.addAll(List.of("--check", checkId));
        // Only this check's overrides: the others do not change its verdict.
        overrides.stream().filter(o -> o.startsWith(checkId + ".")).forEach(o -> args.addAll(List.of("--set", o)));
        return args.stream().map(ShellWord::of).collect(Collectors.joining(" "));
    }
}
