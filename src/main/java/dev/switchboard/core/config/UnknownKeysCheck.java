package dev.switchboard.core.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Refuses to start when a {@code switchboard.*} key is set that no configuration record binds, so a
 * misspelt key ({@code switchboard.sea.flood-treshold}) fails loudly instead of leaving the default in force.
 *
 * <p>It watches every {@code @ConfigurationProperties} binding and remembers the {@code switchboard.*}
 * names that were bound; once every singleton exists (before any listener binds), each
 * {@code switchboard.*} name of every property source must be one of them. Names are compared in
 * Spring's canonical form, so relaxed spellings ({@code SWITCHBOARD_SEA_FLOOD_THRESHOLD},
 * {@code floodThreshold}) count as the key they bind. Environment variables that Kubernetes injects
 * for a Service named {@code switchboard} ({@code SWITCHBOARD_PORT…}, {@code SWITCHBOARD_SERVICE_…}) are
 * not configuration and are skipped.
 */
public final class UnknownKeysCheck implements ConfigurationPropertiesBindHandlerAdvisor, SmartInitializingSingleton {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("switchboard");
    /** Second name elements Kubernetes service links produce; no configuration area uses them. */
    private static final Set<String> SERVICE_LINK_ELEMENTS = Set.of("port", "service");

    private final ConfigurableEnvironment environment;
    private final Set<ConfigurationPropertyName> bound = ConcurrentHashMap.newKeySet();

    public UnknownKeysCheck(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public BindHandler apply(BindHandler bindHandler) {
        return new AbstractBindHandler(bindHandler) {
            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                    Object result) {
                if (ROOT.isAncestorOf(name)) {
                    bound.add(name);
                }
                return super.onSuccess(name, target, context, result);
            }
        };
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, String> unknown = unknownKeys();
        if (!unknown.isEmpty()) {
            throw new UnknownConfigurationKeysException(unknown);
        }
    }

    /** Each unbound {@code switchboard.*} name with the property source that set it, sorted by name. */
    Map<String, String> unknownKeys() {
        Map<String, String> unknown = new TreeMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean environmentVariables = isEnvironmentVariables(source);
            iterable.stream()
                    .filter(ROOT::isAncestorOf)
                    .filter(name -> !(environmentVariables && isServiceLink(name)))
                    .filter(name -> !isBound(name))
                    .forEach(name -> unknown.putIfAbsent(name.toString(), origin(iterable, name)));
        }
        return unknown;
    }

    private boolean isBound(ConfigurationPropertyName name) {
        if (bound.contains(name)) {
            return true;
        }
        // A list set in one source replaces the whole list of another: the other's extra elements are overridden, not unknown.
        ConfigurationPropertyName collection = collectionOf(name);
        return collection != null && bound.stream().anyMatch(b -> b.equals(collection) || collection.isAncestorOf(b));
    }

    /** The name up to its first indexed element ({@code a.list[2].x} → {@code a.list}), or null. */
    private static ConfigurationPropertyName collectionOf(ConfigurationPropertyName name) {
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i)) {
                return name.chop(i);
            }
        }
        return null;
    }

    private static boolean isServiceLink(ConfigurationPropertyName name) {
        return name.getNumberOfElements() >= 2 && SERVICE_LINK_ELEMENTS.contains(name.getElement(1,
                ConfigurationPropertyName.Form.UNIFORM));
    }

    private static boolean isEnvironmentVariables(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof PropertySource<?> underlying
                && StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(underlying.getName());
    }

    private static String origin(ConfigurationPropertySource source, ConfigurationPropertyName name) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        if (property != null && property.getOrigin() != null) {
            return property.getOrigin().toString();
        }
        return source.getUnderlyingSource() instanceof PropertySource<?> underlying ? underlying.getName()
                : String.valueOf(source.getUnderlyingSource());
    }

}
