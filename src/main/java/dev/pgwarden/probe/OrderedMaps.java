package dev.pgwarden.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Map.copyOf loses order; evidence keys are shown in the order bpftrace printed them, profiles most first. */
final class OrderedMaps {

    private OrderedMaps() {
    }

    static <K, V> Map<K, V> copyOf(Map<K, V> source) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** Largest value first; equal values keep their order. */
    static <K> Map<K, Long> byValueDescending(Map<K, Long> source) {
        Map<K, Long> sorted = new LinkedHashMap<>();
        source.entrySet().stream().sorted(Map.Entry.<K, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(sorted);
    }
}
