package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sea.SeaProperties;
import dev.switchboard.sea.archiver.ArchiverProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which {@code switchboard.*} names count as unknown once the records have bound. */
class UnknownKeysCheckTest {

    private static UnknownKeysCheck bindSea(Map<String, Object> arguments, Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environmentVariables));
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", arguments));
        ConfigurationPropertySources.attach(environment);
        UnknownKeysCheck check = new UnknownKeysCheck(environment);
        Binder binder = Binder.get(environment);
        binder.bind("switchboard.sea", Bindable.of(SeaProperties.class), check.apply(BindHandler.DEFAULT));
        binder.bind("switchboard.sea.archiver", Bindable.of(ArchiverProperties.class), check.apply(BindHandler.DEFAULT));
        return check;
    }

    @Test
    void check_whenKeyMisspelt_thenNamedWithItsSource() {
        UnknownKeysCheck check = bindSea(Map.of("switchboard.sea.flood-treshold", "2"), Map.of());

        assertThat(check.unknownKeys()).containsOnlyKeys("switchboard.sea.flood-treshold");
        assertThatThrownBy(check::afterSingletonsInstantiated)
                .isInstanceOf(UnknownConfigurationKeysException.class)
                .hasMessageContaining("switchboard.sea.flood-treshold");
    }

    @Test
    void check_whenRelaxedSpellingsOfBoundKeys_thenNothingUnknown() {
        UnknownKeysCheck check = bindSea(Map.of("switchboard.sea.floodThreshold", "7",
                        "switchboard.sea.listener.port", "9000", "switchboard.sea.bans[0]", "10.0.0.0/8",
                        "switchboard.sea.archiver.queue-capacity", "100"),
                Map.of("SWITCHBOARD_SEA_MAXPENALTY", "20s", "SWITCHBOARD_SEA_LISTENER_HOST", "127.0.0.1"));

        assertThat(check.unknownKeys()).isEmpty();
    }

    @Test
    void check_whenUnknownAreaOrNestedKey_thenBothNamed() {
        UnknownKeysCheck check = bindSea(Map.of("switchboard.seaa.listener.port", "1",
                "switchboard.sea.listener.prot", "1"), Map.of("SWITCHBOARD_SEA_FLOOD_TRESHOLD", "2"));

        assertThat(check.unknownKeys()).containsOnlyKeys("switchboard.seaa.listener.port",
                "switchboard.sea.listener.prot", "switchboard.sea.flood.treshold");
    }

    @Test
    void check_whenKubernetesServiceLinkVariables_thenIgnored() {
        UnknownKeysCheck check = bindSea(Map.of(), Map.of("SWITCHBOARD_PORT", "tcp://10.0.0.1:8732",
                "SWITCHBOARD_PORT_8732_TCP_ADDR", "10.0.0.1", "SWITCHBOARD_SERVICE_HOST", "10.0.0.1",
                "SWITCHBOARD_SERVICE_PORT_SEA", "8732"));

        assertThat(check.unknownKeys()).isEmpty();
    }

    @Test
    void check_whenServiceLikeKeyOnCommandLine_thenStillUnknown() {
        UnknownKeysCheck check = bindSea(Map.of("switchboard.port", "1"), Map.of());

        assertThat(check.unknownKeys()).containsOnlyKeys("switchboard.port");
    }
}
