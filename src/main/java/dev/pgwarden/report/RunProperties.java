package dev.pgwarden.report;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.results.RunSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the JUnit XML {@code <properties>} and Allure's environment say about a run, for a CI reader: pgwarden's
 * version and the commit it was built from, the target as described without a password, the suite, and each check's parameters in the form
 * {@code --set} takes ({@code xid-age.max_age}). An allowlist: nothing of the JVM's or the machine's environment,
 * whose {@code sun.java.command} is the whole command line, a password given in {@code --url} included.
 *
 * @param version pgwarden's version, as {@code --version} prints it
 * @param suite   the suite as the user named it
 */
public record RunProperties(String version, String suite) {

    public RunProperties {
        Objects.requireNonNull(version, "version must not be null");
        Objects.requireNonNull(suite, "suite must not be null");
    }

    public Map<String, String> of(RunSummary run) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("pgwarden.version", version);
        properties.put("pgwarden.commit", PgwardenVersion.current().commit());
        properties.put("pgwarden.target", run.target());
        if (run.platform() != null) {
            properties.put("pgwarden.platform", run.platform());
        }
        properties.put("pgwarden.suite", suite);
        if (run.provenance() != null) {
            run.provenance().flat().forEach((key, value) -> properties.put("pgwarden." + key, value));
        }
        for (CheckResult check : run.checks()) {
            check.parameters().forEach((name, value) -> properties.put(check.id() + "." + name, value));
        }
        return properties;
    }
}
