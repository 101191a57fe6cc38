package dev.pgwarden.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pgwarden.facts.CatalogObject;
import dev.pgwarden.facts.ServerSetting;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a rule reported into a {@link Finding}: names the object, collects the facts' values as
 * evidence and fills the remediation and rollback templates from them.
 */
public final class FindingRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9_]+(?:\\.[a-z0-9_]+)?)(?:\\|(ident|literal))?}");
    private static final Pattern TRAILING_SPACES = Pattern.compile("[ \\t]+(?=\\n|$)");
    private static final ObjectMapper EVIDENCE = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    public Finding render(CheckMetadata metadata, RuleFinding reported) {
        return render(metadata, reported, null);
    }

    /** @param severityOverride a suite's severity for the check, replacing the metadata's; may be null */
    public Finding render(CheckMetadata metadata, RuleFinding reported, Severity severityOverride) {
        FindingTemplate template = metadata.findings().get(reported.kind());
        String object = objectName(reported.subject());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("kind", reported.kind());
        putValues(evidence, reported.subject());
        reported.context().forEach(fact -> putValues(evidence, fact));
        Map<String, Object> values = new LinkedHashMap<>(evidence);
        values.put("object", object);
        putSettingValues(values, reported.subject());
        reported.context().forEach(fact -> putSettingValues(values, fact));
        Severity severity = severityOverride != null ? severityOverride
                : template.severity() == null ? metadata.severity() : Severity.parse(template.severity());
        return new Finding(object, reported.message(), severity,
                fill(template.remediation(), values), fill(template.rollback(), values), evidence);
    }

    static String objectName(Object subject) {
        return subject instanceof CatalogObject named ? named.objectName() : String.valueOf(subject);
    }

    @SuppressWarnings("unchecked")
    private static void putValues(Map<String, Object> evidence, Object fact) {
        if (fact instanceof Record) {
            EVIDENCE.convertValue(fact, Map.class).forEach((k, v) -> evidence.putIfAbsent((String) k, v));
        }
    }

    /**
     * A finding may carry several settings: each database-wide {@link ServerSetting} also fills
     * {@code {<setting>.<field>}}, such as {@code {shared_buffers.restore_statement}}.
     */
    @SuppressWarnings("unchecked")
    private static void putSettingValues(Map<String, Object> values, Object fact) {
        if (fact instanceof ServerSetting setting && setting.role() == null) {
            String prefix = setting.name().toLowerCase(java.util.Locale.ROOT) + ".";
            EVIDENCE.convertValue(setting, Map.class).forEach((k, v) -> values.putIfAbsent(prefix + k, v));
        }
    }

    /**
     * Replaces {name} with the value; a name with no value stays as written so the gap is visible. Spaces an
     * empty value leaves at the end of a line go. {name|ident} quotes the value as an identifier and
     * {name|literal} as a string literal (NULL for no value), as quote_ident and quote_nullable do.
     */
    static String fill(String template, Map<String, Object> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement(m, values)));
        }
        m.appendTail(out);
        return TRAILING_SPACES.matcher(out).replaceAll("");
    }

    private static String replacement(Matcher placeholder, Map<String, Object> values) {
        String key = placeholder.group(1);
        if (!values.containsKey(key)) {
            return placeholder.group();
        }
        Object value = values.get(key);
        String filter = placeholder.group(2);
        if ("literal".equals(filter)) {
            return value == null ? "NULL" : SqlQuoting.literal(String.valueOf(value));
        }
        if ("ident".equals(filter)) {
            return value == null ? placeholder.group() : SqlQuoting.identifier(String.valueOf(value));
        }
        return String.valueOf(value);
    }
}
