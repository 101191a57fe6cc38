package dev.pgwarden.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.stream.Collectors;

/** Reads a check's YAML metadata, turning every problem into a message with file, line and key path. */
final class MetadataReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    CheckMetadata read(String yaml, String source) throws RuleLoadException {
        try {
            CheckMetadata metadata = YAML.readValue(yaml, CheckMetadata.class);
            if (metadata == null) {
                throw new RuleLoadException(source + ": empty metadata file");
            }
            return metadata;
        } catch (JsonMappingException e) {
            throw new RuleLoadException(describe(e, source, YamlKeyLines.of(yaml)), e);
        } catch (IOException e) {
            throw new RuleLoadException(source + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    /** @param keyLines where each key path was written; Jackson's own location is the token after it */
    static String describe(JsonMappingException e, String source, java.util.Map<String, Integer> keyLines) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Integer known = keyLines.get(path);
        String line = known != null ? ":" + known : e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
        return source + line + (path.isEmpty() ? "" : ": key '" + path + "'") + ": " + firstLine(reason(e));
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown key (known: " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")";
        }
        return e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getOriginalMessage();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
