package dev.ktel.agent.config;

import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.pipeline.PipelineConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The YAML configuration file ({@code --config}). Every key is optional; unknown keys are an error that
 * names the file, the line and the key. Values here override built-in defaults and are overridden by flags.
 * See ktel.example.yaml for every key.
 */
public final class ConfigFile {
    private static final Set<String> TOP = Set.of("listen", "data-dir", "interval", "host-id", "log-level", "path",
            "collectors", "kmsg", "pipeline");
    private static final Set<String> PATHS = Set.of("procfs", "sysfs", "rootfs", "udev-data");

    public String listen;
    public Path dataDir;
    public Duration interval;
    public String hostId;
    public String logLevel;
    public final Map<String, Path> paths = new LinkedHashMap<>();
    public final Map<String, Boolean> collectorsEnabled = new LinkedHashMap<>();
    public final Map<String, Map<String, String>> collectorOptions = new LinkedHashMap<>();
    public Boolean kmsgEnabled;
    /** The edge pipeline stages; their defaults when the section is absent. */
    public PipelineConfig pipeline = PipelineConfig.DEFAULT;

    private final String file;

    private ConfigFile(String file) {
        this.file = file;
    }

    public static ConfigFile empty() {
        return new ConfigFile("(none)");
    }

    public static ConfigFile load(Path path, CollectorRegistry registry) {
        String name = path.toString();
        ConfigFile cfg = new ConfigFile(name);
        Optional<Node> root;
        try (Reader r = Files.newBufferedReader(path)) {
            root = new Compose(LoadSettings.builder().setLabel(name).build()).composeReader(r);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage());
        } catch (YamlEngineException e) {
            throw new ConfigException(name + ": invalid YAML: " + e.getMessage());
        }
        if (root.isEmpty()) {
            return cfg;
        }
        cfg.parseTop(root.get(), registry);
        return cfg;
    }

    private void parseTop(Node root, CollectorRegistry registry) {
        for (NodeTuple t : mapping(root, "")) {
            String key = scalar(t.getKeyNode(), "");
            Node v = t.getValueNode();
            switch (key) {
                case "listen" -> listen = scalar(v, key);
                case "data-dir" -> dataDir = Path.of(scalar(v, key));
                case "interval" -> interval = duration(v, key);
                case "host-id" -> hostId = scalar(v, key);
                case "log-level" -> logLevel = scalar(v, key);
                case "path" -> {
                    for (NodeTuple p : mapping(v, key)) {
                        String pk = scalar(p.getKeyNode(), key);
                        if (!PATHS.contains(pk)) {
                            throw error(p.getKeyNode(), key + "." + pk, "unknown key; known: " + PATHS);
                        }
                        paths.put(pk, Path.of(scalar(p.getValueNode(), key + "." + pk)));
                    }
                }
                case "collectors" -> parseCollectors(v, registry);
                case "kmsg" -> {
                    for (NodeTuple p : mapping(v, key)) {
                        String pk = scalar(p.getKeyNode(), key);
                        if (!pk.equals("enabled")) {
                            throw error(p.getKeyNode(), key + "." + pk, "unknown key; known: [enabled]");
                        }
                        kmsgEnabled = bool(p.getValueNode(), key + ".enabled");
                    }
                }
                case "pipeline" -> pipeline = new PipelineSection(new YamlNodes(file)).parse(v);
                default -> throw error(t.getKeyNode(), key, "unknown key; known: " + TOP);
            }
        }
    }

    private void parseCollectors(Node node, CollectorRegistry registry) {
        for (NodeTuple c : mapping(node, "collectors")) {
            String name = scalar(c.getKeyNode(), "collectors");
            String path = "collectors." + name;
            CollectorFactory f = registry.find(name).orElseThrow(() -> error(c.getKeyNode(), path,
                    "unknown collector; known: " + registry.factories().stream().map(CollectorFactory::name).toList()));
            Map<String, String> opts = new LinkedHashMap<>();
            for (NodeTuple o : mapping(c.getValueNode(), path)) {
                String opt = scalar(o.getKeyNode(), path);
                if (opt.equals("enabled")) {
                    collectorsEnabled.put(name, bool(o.getValueNode(), path + ".enabled"));
                } else if (f.options().stream().anyMatch(x -> x.name().equals(opt))) {
                    opts.put(opt, scalar(o.getValueNode(), path + "." + opt));
                } else {
                    throw error(o.getKeyNode(), path + "." + opt, "unknown option; known: enabled, "
                            + f.options().stream().map(CollectorOption::name).toList());
                }
            }
            if (!opts.isEmpty()) {
                collectorOptions.put(name, opts);
            }
        }
    }

    private java.util.List<NodeTuple> mapping(Node n, String key) {
        if (n instanceof MappingNode m) {
            return m.getValue();
        }
        if (n instanceof ScalarNode s && s.getValue().isEmpty()) {
            return java.util.List.of();
        }
        throw error(n, key.isEmpty() ? "(top level)" : key, "expected a mapping");
    }

    private String scalar(Node n, String key) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(n, key, "expected a single value");
    }

    private boolean bool(Node n, String key) {
        String v = scalar(n, key);
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(n, key, "expected true or false, got \"" + v + "\"");
        };
    }

    private Duration duration(Node n, String key) {
        try {
            return DurationParser.parse(scalar(n, key));
        } catch (IllegalArgumentException e) {
            throw error(n, key, e.getMessage());
        }
    }

    private ConfigException error(Node n, String key, String problem) {
        int line = n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        return new ConfigException(file + ":" + line + ": " + key + ": " + problem);
    }
}
