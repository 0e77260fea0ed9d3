package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Swagger UI, straight from the {@code org.webjars:swagger-ui} jar, showing {@code openapi/timpani.yaml} on the
 * routes springdoc served it on: {@code {prefix}/swagger-ui.html} (a redirect), {@code {prefix}/swagger-ui/**} and
 * {@code /v3/api-docs/swagger-config}. Springdoc's document generator (swagger-core, Jackson 2: about a thousand
 * classes at start-up) only ever described the route of our own document, so it is not here.
 *
 * <p>Functional routes, not handler methods: they are not DRUM's routes, so {@code OpenApiTest} keeps the
 * document and the {@code @RequestMapping}s equal without them, and {@code URL_PREFIX} is added here by hand.
 */
@Configuration(proxyBeanMethods = false)
class SwaggerUiRoutes {

    static final String CONFIG_PATH = "/v3/api-docs/swagger-config";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript");

    @Bean
    RouterFunction<ServerResponse> swaggerUi(TimpaniProperties properties) {
        String prefix = properties.normalizedUrlPrefix();
        String ui = prefix + "/swagger-ui";
        String document = prefix + "/openapi/timpani.yaml";
        String initializer = initializer(document);
        return RouterFunctions.route()
                .GET(prefix + "/swagger-ui.html", request ->
                        ServerResponse.status(HttpStatus.FOUND).location(URI.create(ui + "/index.html")).build())
                // Before the webjar's own, which shows the Petstore.
                .GET(ui + "/swagger-initializer.js", request -> ServerResponse.ok().contentType(JAVASCRIPT)
                        .cacheControl(CacheControl.noStore()).body(initializer))
                .GET(CONFIG_PATH, request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore()).body(config(request, ui, document)))
                .resources(ui + "/**", webjar())
                .build();
    }

    /** The webjar's initializer, with our document and configuration in place of the Petstore. */
    static String initializer(String document) {
        return """
                window.onload = function() {
                  window.ui = SwaggerUIBundle({
                    url: "%s",
                    configUrl: "%s",
                    validatorUrl: "",
                    dom_id: '#swagger-ui',
                    deepLinking: true,
                    presets: [
                      SwaggerUIBundle.presets.apis,
                      SwaggerUIStandalonePreset
                    ],
                    plugins: [
                      SwaggerUIBundle.plugins.DownloadUrl
                    ],
                    layout: "StandaloneLayout"
                  });
                };
                """.formatted(jsString(document), CONFIG_PATH);
    }

    private static Map<String, Object> config(ServerRequest request, String ui, String document) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("configUrl", CONFIG_PATH);
        config.put("oauth2RedirectUrl", ServletUriComponentsBuilder.fromContextPath(request.servletRequest())
                .path(ui + "/oauth2-redirect.html").toUriString());
        config.put("url", document);
        config.put("validatorUrl", "");
        return config;
    }

    /** The webjar's versioned folder, named by the version in its Maven metadata. */
    static Resource webjar() {
        Properties pom = new Properties();
        try (InputStream in = new ClassPathResource(WEBJAR_POM).getInputStream()) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Swagger UI's webjar (org.webjars:swagger-ui) is not on the class path", e);
        }
        return new ClassPathResource("META-INF/resources/webjars/swagger-ui/" + pom.getProperty("version") + "/");
    }

    /** URL_PREFIX is the operator's text: escaped, it cannot end the JavaScript string it is put in. */
    private static String jsString(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsCharArray(text)).replace("<", "\\u003c");
    }
}
