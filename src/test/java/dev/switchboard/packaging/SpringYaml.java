package dev.switchboard.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;

/**
 * An application.yml read the way Spring Boot reads it, so that keys are checked as the application
 * binds them (relaxed names, {@code Duration} syntax) rather than as raw YAML maps.
 */
final class SpringYaml {

    private final String origin;
    private final Binder binder;

    private SpringYaml(String origin, Binder binder) {
        this.origin = origin;
        this.binder = binder;
    }

    static SpringYaml parse(String origin, String yaml) {
        try {
            var sources = new YamlPropertySourceLoader()
                    .load(origin, new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), origin));
            return new SpringYaml(origin, new Binder(ConfigurationPropertySources.from(sources)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port(String key) {
        return binder.bind(key, Integer.class)
                .orElseThrow(() -> new AssertionError(origin + " has no " + key));
    }

    Optional<Integer> optionalPort(String key) {
        return binder.bind(key, Integer.class).map(Optional::of).orElse(Optional.empty());
    }

    boolean enabled(String listenerKey) {
        return binder.bind(listenerKey + ".enabled", Boolean.class).orElse(true);
    }

    Duration duration(String key) {
        return binder.bind(key, Duration.class)
                .orElseThrow(() -> new AssertionError(origin + " has no " + key));
    }
}
