package dev.switchboard.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.HttpRequestHandler;

/**
 * The console page and its script and style, read once from the jar and served on the management
 * port only. Nothing is loaded from elsewhere: the content security policy allows this origin alone.
 */
public final class ConsoleAssets implements HttpRequestHandler {

    /** Where the console lives on the management server. */
    public static final String PATH = "/console";
    static final String SOCKET_PATH = PATH + "/ws";

    private static final String LOCATION = "dev/switchboard/console/web/";
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> assets = Map.of(
            PATH + "/", load("index.html", "text/html;charset=utf-8"),
            PATH + "/index.html", load("index.html", "text/html;charset=utf-8"),
            PATH + "/console.js", load("console.js", "text/javascript;charset=utf-8"),
            PATH + "/console.css", load("console.css", "text/css;charset=utf-8"));

    /** The paths this handler answers, for the handler mapping. */
    static String[] paths() {
        return new String[] {PATH, PATH + "/", PATH + "/index.html", PATH + "/console.js", PATH + "/console.css"};
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(PATH)) {
            response.sendRedirect(request.getContextPath() + PATH + "/");
            return;
        }
        Asset asset = assets.get(path);
        if (asset == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(asset.contentType());
        response.setContentLength(asset.bytes().length);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if ("GET".equals(method)) {
            response.getOutputStream().write(asset.bytes());
        }
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = new ClassPathResource(LOCATION + name).getInputStream()) {
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("console asset " + name + " is missing from the jar", e);
        }
    }
}
