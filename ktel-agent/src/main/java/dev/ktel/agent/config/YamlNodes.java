package dev.ktel.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Typed reads of YAML nodes whose errors name the file, the line and the key. */
final class YamlNodes {
    private final String file;

    YamlNodes(String file) {
        this.file = file;
    }

    List<NodeTuple> mapping(Node n, String key) {
        if (n instanceof MappingNode m) {
            return m.getValue();
        }
        if (n instanceof ScalarNode s && s.getValue().isEmpty()) {
            return List.of();
        }
        throw error(n, key, "expected a mapping");
    }

    List<Node> sequence(Node n, String key) {
        if (n instanceof SequenceNode s) {
            return s.getValue();
        }
        if (n instanceof ScalarNode s && s.getValue().isEmpty()) {
            return List.of();
        }
        throw error(n, key, "expected a list");
    }

    String scalar(Node n, String key) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(n, key, "expected a single value");
    }

    List<String> strings(Node n, String key) {
        List<String> out = new ArrayList<>();
        for (Node item : sequence(n, key)) {
            out.add(scalar(item, key));
        }
        return out;
    }

    boolean bool(Node n, String key) {
        String v = scalar(n, key);
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(n, key, "expected true or false, got \"" + v + "\"");
        };
    }

    int integer(Node n, String key) {
        String v = scalar(n, key);
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(n, key, "expected an integer, got \"" + v + "\"");
        }
    }

    long longValue(Node n, String key) {
        String v = scalar(n, key);
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(n, key, "expected an integer, got \"" + v + "\"");
        }
    }

    double number(Node n, String key) {
        String v = scalar(n, key);
        try {
            String t = v.trim();
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100
                    : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw error(n, key, "expected a number, got \"" + v + "\"");
        }
    }

    Duration duration(Node n, String key) {
        try {
            return DurationParser.parse(scalar(n, key));
        } catch (IllegalArgumentException e) {
            throw error(n, key, e.getMessage());
        }
    }

    ConfigException error(Node n, String key, String problem) {
        int line = n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        return new ConfigException(file + ":" + line + ": " + key + ": " + problem);
    }
}
