package dev.pgwarden.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The line of every key in a YAML document, by dotted path ({@code checks.xid-age.parameters.max_age},
 * {@code waivers[0].expires}), so errors found after parsing can still say where they were written.
 */
final class YamlKeyLines {

    private YamlKeyLines() {
    }

    static Map<String, Integer> of(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
            if (root != null) {
                // Errors about the document as a whole (a required key missing) point at its start.
                lines.put("", root.getStartMark().getLine() + 1);
                walk(root, "", lines);
            }
        } catch (RuntimeException e) {
            // The document was parsed already; without lines, errors still name the key.
        }
        return lines;
    }

    private static void walk(Node node, String path, Map<String, Integer> lines) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    lines.put(child, key.getStartMark().getLine() + 1);
                    walk(tuple.getValueNode(), child, lines);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                String child = path + "[" + i + "]";
                lines.put(child, items.get(i).getStartMark().getLine() + 1);
                walk(items.get(i), child, lines);
            }
        }
    }
}
