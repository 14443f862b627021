package dev.switchboard.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.core.env.Environment;

/** Calls the management port of a test's running gateway, with or without operator credentials. */
public final class ManagementClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Environment environment;
    private final String user;
    private final String password;

    public ManagementClient(Environment environment, String user, String password) {
        this.environment = environment;
        this.user = user;
        this.password = password;
    }

    /** The same port, no credentials. */
    public ManagementClient anonymous() {
        return new ManagementClient(environment, null, null);
    }

    public HttpResponse<String> get(String path) {
        return call("GET", path, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return call("POST", path, json);
    }

    public HttpResponse<String> delete(String path) {
        return call("DELETE", path, null);
    }

    public HttpResponse<String> call(String method, String path, String json) {
        // A separate management port (management.server.port) when the test has one, else the server's.
        Integer port = environment.getProperty("local.management.port", Integer.class,
                environment.getRequiredProperty("local.server.port", Integer.class));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
