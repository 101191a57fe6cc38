package dev.pgwarden.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Map.copyOf loses order; evidence keys are shown in the order bpftrace printed them. */
final class OrderedMaps {

    private OrderedMaps() {
    }

    static <K, V> Map<K, V> copyOf(Map<K, V> source) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }
}
