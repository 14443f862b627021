package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.switchboard.bridge.BridgeProperties;
import dev.switchboard.cluster.ClusterProperties;
import dev.switchboard.console.ConsoleProperties;
import dev.switchboard.core.admin.AdminProperties;
import dev.switchboard.core.budget.InputBudgetProperties;
import dev.switchboard.core.listener.ConnectionLimitProperties;
import dev.switchboard.core.netty.NettyProperties;
import dev.switchboard.core.shutdown.ShutdownProperties;
import dev.switchboard.core.timeout.TimeoutProperties;
import dev.switchboard.example.ExampleProperties;
import dev.switchboard.http.HttpProperties;
import dev.switchboard.rooms.RoomsProperties;
import dev.switchboard.sea.SeaProperties;
import dev.switchboard.sea.archiver.ArchiverProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * {@code config/application.yml} documents every setting: each of its {@code switchboard.*} keys must be
 * one the configuration records bind (a typo there would otherwise be ignored silently), and the
 * file must bind without a validation error.
 */
class ConfigFileTest {

    /** The file's properties, without those under {@code excluded} (bound by another record). */
    private static Binder binder(String excluded) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load("config/application.yml", new FileSystemResource("config/application.yml"));
        List<IterableConfigurationPropertySource> filtered = new ArrayList<>();
        for (var source : ConfigurationPropertySources.from(sources)) {
            var iterable = (IterableConfigurationPropertySource) source;
            filtered.add(excluded == null ? iterable
                    : iterable.filter(name -> !ConfigurationPropertyName.of(excluded).isAncestorOf(name)));
        }
        return new Binder(filtered.toArray(new IterableConfigurationPropertySource[0]));
    }

    static Stream<Arguments> areas() {
        return Stream.of(
                Arguments.of("switchboard.netty", NettyProperties.class, null),
                Arguments.of("switchboard.shutdown", ShutdownProperties.class, null),
                Arguments.of("switchboard.timeouts", TimeoutProperties.class, null),
                Arguments.of("switchboard.admin", AdminProperties.class, null),
                Arguments.of("switchboard.console", ConsoleProperties.class, null),
                Arguments.of("switchboard.sea", SeaProperties.class, "switchboard.sea.archiver"),
                Arguments.of("switchboard.sea.archiver", ArchiverProperties.class, null),
                Arguments.of("switchboard.http", HttpProperties.class, null),
                Arguments.of("switchboard.rooms", RoomsProperties.class, null),
                Arguments.of("switchboard.example", ExampleProperties.class, null),
                Arguments.of("switchboard.cluster", ClusterProperties.class, null),
                Arguments.of("switchboard.bridge", BridgeProperties.class, null),
                Arguments.of("switchboard.connection-limits", ConnectionLimitProperties.class, null),
                Arguments.of("switchboard.input-budget", InputBudgetProperties.class, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("areas")
    void configFile_whenBound_thenEveryKeyIsKnown(String prefix, Class<?> type, String nested) throws IOException {
        NoUnboundElementsBindHandler strict = new NoUnboundElementsBindHandler(
                new IgnoreTopLevelConverterNotFoundBindHandler());
        assertThatCode(() -> binder(nested).bind(prefix, Bindable.of(type), strict).get())
                .doesNotThrowAnyException();
    }

    @Test
    void configFile_whenRead_thenOnlyKnownTopLevelSwitchboardAreas() throws IOException {
        List<String> known = areas().map(a -> (String) a.get()[0]).toList();
        List<String> keys = new YamlPropertySourceLoader()
                .load("config/application.yml", new FileSystemResource("config/application.yml")).stream()
                .flatMap(source -> Stream.of(((org.springframework.core.env.EnumerablePropertySource<?>) source)
                        .getPropertyNames()))
                .filter(key -> key.startsWith("switchboard."))
                .toList();
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(known).anyMatch(area -> key.startsWith(area + ".")));
    }
}
