package dev.pgwarden.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the {@code <id>.drl} + {@code <id>.yaml} pairs of one directory. A DRL without metadata, or the
 * other way round, is an error naming the missing file.
 */
final class RuleDirectory {

    private final MetadataReader metadataReader = new MetadataReader();

    List<CheckDefinition> read(Path directory, String displayPrefix) throws RuleLoadException {
        if (!Files.isDirectory(directory)) {
            throw new RuleLoadException(displayPrefix + ": rules directory does not exist");
        }
        List<CheckDefinition> definitions = new ArrayList<>();
        for (String id : ids(directory)) {
            definitions.add(readOne(directory, displayPrefix, id));
        }
        return definitions;
    }

    private CheckDefinition readOne(Path directory, String prefix, String id) throws RuleLoadException {
        String drlSource = prefix + "/" + id + ".drl";
        String yamlSource = prefix + "/" + id + ".yaml";
        Path drl = directory.resolve(id + ".drl");
        Path yaml = directory.resolve(id + ".yaml");
        if (!Files.exists(drl)) {
            throw new RuleLoadException(yamlSource + ": metadata has no rule file " + drlSource);
        }
        if (!Files.exists(yaml)) {
            throw new RuleLoadException(drlSource + ": rule has no metadata file " + yamlSource);
        }
        CheckMetadata metadata = metadataReader.read(text(yaml, yamlSource), yamlSource);
        if (!metadata.id().equals(id)) {
            throw new RuleLoadException(yamlSource + ": key 'id' is '" + metadata.id() + "' but the file is named " + id);
        }
        return new CheckDefinition(metadata, text(drl, drlSource), drlSource, yamlSource);
    }

    private static TreeSet<String> ids(Path directory) throws RuleLoadException {
        try (Stream<Path> files = Files.list(directory)) {
            TreeSet<String> ids = new TreeSet<>();
            files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".drl") || name.endsWith(".yaml"))
                    .forEach(name -> ids.add(name.substring(0, name.lastIndexOf('.'))));
            return ids;
        } catch (IOException e) {
            throw new RuleLoadException(directory + ": cannot list rules: " + e.getMessage(), e);
        }
    }

    private static String text(Path file, String source) throws RuleLoadException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleLoadException(source + ": cannot read: " + e.getMessage(), e);
        }
    }
}
