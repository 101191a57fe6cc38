package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.pgwarden.facts.BaselineStatement;
import dev.pgwarden.facts.BaselineValue;
import dev.pgwarden.facts.CurrentPlan;
import dev.pgwarden.facts.FactKind;
import dev.pgwarden.facts.Measurement;
import dev.pgwarden.facts.UpgradeTarget;
import dev.pgwarden.facts.settings.ChangedDefault;
import dev.pgwarden.facts.settings.GoneSetting;
import dev.pgwarden.facts.settings.NarrowedSetting;
import dev.pgwarden.probe.HostAccess;
import dev.pgwarden.probe.HostFacts;
import dev.pgwarden.probe.HostFilesystem;
import dev.pgwarden.probe.HostPath;
import dev.pgwarden.probe.ReadLatency;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChecksDocumentTest {

    /** Fact kinds the engine's fact sources add (probe, host facts, baseline, --target-version), by the records they add. */
    private static final Map<String, List<Class<? extends Record>>> NOT_FROM_SQL = Map.ofEntries(
            Map.entry("read_latency", List.of(ReadLatency.class)),
            Map.entry("probe_measurements", List.of(Measurement.class)),
            Map.entry("baseline", List.of(BaselineValue.class)),
            Map.entry("baseline_plans", List.of(BaselineStatement.class, CurrentPlan.class)),
            Map.entry("upgrade_target", List.of(UpgradeTarget.class)),
            Map.entry("setting_changes", List.of(ChangedDefault.class, GoneSetting.class, NarrowedSetting.class)),
            Map.entry("host_filesystems", List.of(HostFilesystem.class)),
            Map.entry("query_latency", List.of(dev.pgwarden.facts.QueryLatency.class,
                    dev.pgwarden.facts.UntracedDatabase.class)),
            Map.entry("lock_contention", List.of(dev.pgwarden.facts.LockContention.class)),
            Map.entry("lwlock_contention", List.of(dev.pgwarden.facts.LwlockContention.class)),
            Map.entry("wait_event_profile", List.of(dev.pgwarden.probe.WaitEventShares.class)));

    /** The host facts' records besides the filesystems, and the names their annotated methods take in evidence. */
    private static final List<Class<? extends Record>> HOST_RECORDS = List.of(HostFacts.class, HostAccess.class, HostPath.class);
    private static final Set<String> HOST_DERIVED = Set.of("mode_text", "umask_text");

    private static Set<String> fieldsOf(CheckMetadata metadata) {
        Set<String> fields = fieldsOf(metadata.facts());
        if (!metadata.cis().isEmpty()) {
            // The check's CIS controls are facts of its rule session too.
            addComponents(fields, CisControl.class);
        }
        if (metadata.facts().contains("host_filesystems")) {
            HOST_RECORDS.forEach(type -> addComponents(fields, type));
            fields.addAll(HOST_DERIVED);
        }
        return fields;
    }

    private static void addComponents(Set<String> fields, Class<? extends Record> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            fields.add(component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
        }
    }

    private static Set<String> fieldsOf(List<String> factKinds) {
        Set<String> fields = new HashSet<>(Set.of("object", "kind"));
        for (String kind : factKinds) {
            List<Class<? extends Record>> types = NOT_FROM_SQL.containsKey(kind) ? NOT_FROM_SQL.get(kind)
                    : List.of(FactKind.named(kind).orElseThrow(() -> new AssertionError("unknown fact kind " + kind)).recordType());
            for (Class<? extends Record> type : types) {
                for (RecordComponent component : type.getRecordComponents()) {
                    fields.add(snakeCase(component.getName()));
                }
                // A value a record computes reaches evidence and templates when marked as a JSON property.
                for (java.lang.reflect.Method method : type.getMethods()) {
                    if (method.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonProperty.class)) {
                        fields.add(snakeCase(method.getName()));
                    }
                }
            }
        }
        return fields;
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("\\{([a-z0-9_]+(?:\\.[a-z0-9_]+)?)}").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void docsChecksMdIsWhatTheMetadataGenerates() throws Exception {
        String generated = new ChecksDocument().render(RuleCatalog.builtIn());

        assertThat(Files.readString(Path.of("docs/checks.md")))
                .as("docs/checks.md is stale: regenerate it with 'java -jar target/pgwarden.jar list --markdown > docs/checks.md'")
                .isEqualTo(generated);
    }

    @Test
    void everyBuiltInCheckCompilesAndEveryPlaceholderNamesAFactField() throws Exception {
        for (CheckDefinition check : RuleCatalog.builtIn().all()) {
            new RuleCompiler().compile(check);
            assertThat(check.metadata().references()).as(check.id() + " references").isNotEmpty();
            Set<String> known = fieldsOf(check.metadata());
            check.metadata().findings().forEach((kind, template) -> {
                assertThat(template.remediation()).as(check.id() + "/" + kind + " remediation").isNotBlank();
                assertThat(template.rollback()).as(check.id() + "/" + kind + " rollback").isNotBlank();
                // {shared_buffers.restore_statement} names a field of a server_settings fact
                assertThat(placeholders(template.remediation() + template.rollback()).stream()
                        .map(name -> check.metadata().facts().contains("server_settings") ? name.replaceFirst("^[a-z0-9_]+\\.", "") : name))
                        .as(check.id() + "/" + kind + " placeholders").isSubsetOf(known);
            });
        }
    }
}
