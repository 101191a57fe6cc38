import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** 100 small databases on one server, checked in one `check --targets` run. */
final class Fleet {

    final Bench bench;

    Fleet(Bench bench) {
        this.bench = bench;
    }

    FleetResult run(int databases) throws Exception {
        int parallel = 8;
        Path targets = create(bench, databases);
        List<Double> walls = new ArrayList<>();
        Timed last = null;
        for (int i = 0; i < 3; i++) {
            last = Timed.run(List.of(bench.launcher.toString(), "check", "--targets", targets.toString(),
                    "--parallel", String.valueOf(parallel), "--format", "console"), bench.environment);
            walls.add(last.millis);
        }
        // pgwarden's last line, not the JVM's heap report after it.
        String tail = last.output.lines().filter(line -> !line.startsWith("[")).reduce((a, b) -> b).orElse("").strip();
        return new FleetResult(databases, parallel, Bench.median(walls), last.exit, tail);
    }

    /** N databases of 20 tables each, from one template, and the fleet file naming them. */
    static Path create(Bench bench, int databases) throws Exception {
        StringBuilder yaml = new StringBuilder("targets:\n");
        try (Connection c = bench.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE fleet_template");
            try (Connection t = bench.connect("fleet_template"); Statement ts = t.createStatement()) {
                ts.execute("DO $$ BEGIN FOR i IN 1..20 LOOP"
                        + " EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, v int)', i); END LOOP; END $$");
            }
            for (int i = 1; i <= databases; i++) {
                s.execute("CREATE DATABASE fleet_" + i + " TEMPLATE fleet_template");
                yaml.append("  - name: fleet-").append(i).append('\n')
                        .append("    url: ").append(bench.url("fleet_" + i, Bench.ROLE)).append('\n');
            }
        }
        Path targets = bench.work.resolve("fleet.yaml");
        Files.writeString(targets, yaml);
        return targets;
    }
}
