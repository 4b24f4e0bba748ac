package dev.ktel.collectors;

import java.util.List;

/**
 * Declares one collector: its name (as in node_exporter where it has the same job), whether it runs by
 * default, its options, and how to create it. Listed in
 * {@code META-INF/services/dev.ktel.collectors.CollectorFactory}; adding a collector never touches central
 * wiring. The CLI derives {@code --[no-]collector.NAME} and {@code --collector.NAME.OPTION} from this.
 */
public interface CollectorFactory {

    String name();

    /** One line for --help and the README table. */
    String description();

    default boolean enabledByDefault() {
        return true;
    }

    default List<CollectorOption> options() {
        return List.of();
    }

    /**
     * Creates the collector, or throws {@link CollectorUnavailableException} with the reason when this host
     * cannot provide its data (file missing on this kernel, feature not built in). Must not do slow work.
     */
    Collector create(CollectorContext context) throws CollectorUnavailableException;
}
