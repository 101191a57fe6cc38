package dev.pgwarden.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;

/**
 * Finds the line of a key in YAML text. Jackson reads records through their constructors, so it reports
 * an unknown or invalid key only when the whole mapping has been read, at the mapping's end; the line of
 * the key itself is found here by reading the text again and following the key path.
 */
final class YamlKeyLines {

    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlKeyLines() {
    }

    /** The 1-based line where the key at the exception's path is written, or 0 if it is not found. */
    static int of(String yaml, List<JsonMappingException.Reference> path) {
        String wanted = pointer(path);
        try (JsonParser parser = YAML.createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser.getParsingContext().pathAsPointer().toString().equals(wanted)) {
                    return parser.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException e) {
            // Text that does not even parse has no key lines; the caller keeps Jackson's own location.
        }
        return 0;
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append(ref.getFieldName() != null
                    ? JsonPointer.compile("/" + ref.getFieldName().replace("~", "~0").replace("/", "~1")).toString()
                    : "/" + ref.getIndex());
        }
        return pointer.toString();
    }
}
