package dev.ktel.collectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The collectors on the class path, found through {@link ServiceLoader}, sorted by name. */
public final class CollectorRegistry {
    private final List<CollectorFactory> factories;

    private CollectorRegistry(List<CollectorFactory> factories) {
        this.factories = List.copyOf(factories);
    }

    public static CollectorRegistry discover() {
        List<CollectorFactory> list = new ArrayList<>();
        ServiceLoader.load(CollectorFactory.class, CollectorRegistry.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparing(CollectorFactory::name));
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).name().equals(list.get(i - 1).name())) {
                throw new IllegalStateException("two collectors named " + list.get(i).name());
            }
        }
        return new CollectorRegistry(list);
    }

    public List<CollectorFactory> factories() {
        return factories;
    }

    public Optional<CollectorFactory> find(String name) {
        return factories.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
