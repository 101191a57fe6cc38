package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** {@code --shard I/N}: disjoint, complete and stable slices of any fleet. */
class ShardTest {

    @RepeatedTest(50)
    void slicesOfARandomFleetAreDisjointCompleteAndIgnoreTheFilesOrder(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<String> fleet = new ArrayList<>();
        for (int i = random.nextInt(1, 400); i > 0; i--) {
            fleet.add(random.nextBoolean() ? "db-" + random.nextInt(100_000) : UUID.randomUUID().toString());
        }
        fleet = new ArrayList<>(new HashSet<>(fleet));
        int count = random.nextInt(1, 9);

        List<Set<String>> slices = slices(fleet, count);
        Collections.shuffle(fleet, random);
        assertThat(slices(fleet, count)).as("the same slices from the file reordered").isEqualTo(slices);
        Set<String> all = new HashSet<>();
        int sizes = 0;
        for (Set<String> slice : slices) {
            all.addAll(slice);
            sizes += slice.size();
        }
        assertThat(all).as("complete").containsExactlyInAnyOrderElementsOf(fleet);
        assertThat(sizes).as("disjoint").isEqualTo(fleet.size());
    }

    @Test
    void aThousandTargetsSpreadEvenlyOverFourShards() {
        List<String> fleet = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            fleet.add("db" + i);
        }
        assertThat(slices(fleet, 4)).allSatisfy(slice -> assertThat(slice.size()).isBetween(200, 300));
    }

    @Test
    void indexComesFromTheCommandLineOrKubernetes() {
        assertThat(Shard.parse("1/4", Map.of())).isEqualTo(new Shard(1, 4));
        assertThat(Shard.parse("4", Map.of("JOB_COMPLETION_INDEX", "3"))).isEqualTo(new Shard(3, 4));
        assertThat(Shard.parse("0/4", Map.of("JOB_COMPLETION_INDEX", "3"))).as("the command line wins").isEqualTo(new Shard(0, 4));
    }

    @Test
    void badShardsAreNamed() {
        assertThatThrownBy(() -> Shard.parse("4", Map.of())).hasMessage("--shard 4: give I/N, or set JOB_COMPLETION_INDEX (a Kubernetes Indexed Job does)");
        assertThatThrownBy(() -> Shard.parse("4/4", Map.of())).hasMessage("--shard 4/4: needs 0 <= I < N");
        assertThatThrownBy(() -> Shard.parse("a/4", Map.of())).hasMessageStartingWith("--shard a/4: expected I/N or N, whole numbers");
        assertThatThrownBy(() -> Shard.parse("1/2/3", Map.of())).hasMessageStartingWith("--shard 1/2/3: expected I/N");
    }

    private static List<Set<String>> slices(List<String> fleet, int count) {
        List<Set<String>> slices = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            Shard shard = new Shard(index, count);
            slices.add(new HashSet<>(fleet.stream().filter(shard::owns).toList()));
        }
        return slices;
    }
}
