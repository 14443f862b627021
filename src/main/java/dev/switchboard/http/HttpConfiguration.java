package dev.switchboard.http;

import dev.switchboard.core.listener.ListenerDefinition;
import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.pipeline.TailExceptionHandler;
import dev.switchboard.http.handler.HttpChannelInitializer;
import dev.switchboard.http.handler.ResponseHeadersHandler;
import dev.switchboard.http.handler.ResponseMetricsHandler;
import dev.switchboard.http.handler.StaticFileHandler;
import dev.switchboard.http.handler.UpgradeRoute;
import dev.switchboard.http.service.MicrometerHttpMetrics;
import dev.switchboard.http.service.OpenFileCache;
import dev.switchboard.http.service.StaticContent;
import dev.switchboard.http.service.StaticFiles;
import dev.switchboard.core.connection.Disconnector;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The HTTP listeners {@code http} and {@code http-legacy}: the same static files and WebSocket
 * upgrade routing on two ports.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpProperties.class)
public class HttpConfiguration {

    /** Protocol tag of both listeners. */
    public static final String PROTOCOL = UpgradeRoute.HTTP_PROTOCOL;
    /** Name of the main listener. */
    public static final String HTTP_LISTENER = "http";
    /** Name of the listener on the original chat port. */
    public static final String HTTP_LEGACY_LISTENER = "http-legacy";

    @Bean
    StaticFiles httpStaticFiles(HttpProperties properties, ResourceLoader resourceLoader, Clock clock) {
        return staticFiles(properties, properties.root(), resourceLoader.getClassLoader(), clock);
    }

    /**
     * The static files of {@code root} (a value as {@code switchboard.http.root} takes) behind the
     * open-file cache {@code properties} configure, unless it is turned off.
     */
    public static StaticFiles staticFiles(HttpProperties properties, String root, ClassLoader classLoader,
            Clock clock) {
        StaticContent content = StaticContent.forRoot(root, classLoader);
        HttpProperties.OpenFileCache cache = properties.openFileCache();
        if (cache.maxEntries() > 0) {
            content = new OpenFileCache(content, cache.maxEntries(), cache.maxBytes().toBytes(),
                    cache.maxFileSize().toBytes(), cache.valid(), clock);
        }
        return new StaticFiles(content, properties.cacheMaxAge());
    }

    @Bean
    StaticFileHandler httpStaticFileHandler(StaticFiles files) {
        return new StaticFileHandler(files);
    }

    @Bean
    ResponseHeadersHandler httpResponseHeadersHandler(Clock clock) {
        return new ResponseHeadersHandler(clock);
    }

    @Bean
    ListenerDefinition httpListener(HttpProperties properties, ResponseHeadersHandler responseHeaders,
            StaticFileHandler staticFiles, ObjectProvider<UpgradeRoute> routes, TailExceptionHandler exceptions,
            MeterRegistry meters, Disconnector disconnector) {
        return listener(HTTP_LISTENER, properties.listeners().http().withDefaultPort(HttpProperties.HTTP_PORT),
                properties, responseHeaders, staticFiles, routes.orderedStream().toList(), exceptions, meters,
                disconnector);
    }

    @Bean
    ListenerDefinition httpLegacyListener(HttpProperties properties, ResponseHeadersHandler responseHeaders,
            StaticFileHandler staticFiles, ObjectProvider<UpgradeRoute> routes, TailExceptionHandler exceptions,
            MeterRegistry meters, Disconnector disconnector) {
        return listener(HTTP_LEGACY_LISTENER,
                properties.listeners().httpLegacy().withDefaultPort(HttpProperties.HTTP_LEGACY_PORT),
                properties, responseHeaders, staticFiles, routes.orderedStream().toList(), exceptions, meters,
                disconnector);
    }

    private static ListenerDefinition listener(String name, ListenerProperties listener,
            HttpProperties properties, ResponseHeadersHandler responseHeaders, StaticFileHandler staticFiles,
            List<UpgradeRoute> routes, TailExceptionHandler exceptions, MeterRegistry meters,
            Disconnector disconnector) {
        ResponseMetricsHandler metrics = new ResponseMetricsHandler(new MicrometerHttpMetrics(meters, name));
        HttpChannelInitializer initializer = new HttpChannelInitializer(properties, responseHeaders, metrics,
                staticFiles, routes, exceptions, disconnector);
        return new ListenerDefinition(name, PROTOCOL, listener, initializer);
    }
}
