package dev.pgwarden.engine;

import dev.pgwarden.facts.PlatformSignal;
import dev.pgwarden.results.Platform;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides the platform from the signs a monitoring role sees. One sign alone (a role anyone could create,
 * a custom setting an extension could add) is not enough: a provider needs a setting only it has, or two
 * signs. Aurora is RDS with Aurora's own settings or function on top.
 */
final class PlatformDetector {

    private static final List<Platform> ORDER = List.of(Platform.RDS, Platform.CLOUDSQL, Platform.ALLOYDB, Platform.AZURE);

    Platform detect(List<PlatformSignal> signals) {
        Map<String, PlatformSignal> byProvider = signals.stream()
                .collect(Collectors.toMap(PlatformSignal::provider, Function.identity(), (a, b) -> a));
        for (Platform platform : ORDER) {
            PlatformSignal signal = byProvider.get(platform.id());
            if (signal != null && (signal.decisive() || signal.signCount() >= 2)) {
                return platform == Platform.RDS && byProvider.containsKey(Platform.AURORA.id()) ? Platform.AURORA : platform;
            }
        }
        return Platform.SELF_MANAGED;
    }
}
