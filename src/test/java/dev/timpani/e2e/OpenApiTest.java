package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/** openapi/timpani.yaml describes exactly the routes the server maps, and Swagger UI shows it. */
class OpenApiTest {

    private static TimpaniServer server;

    @BeforeAll
    static void start() {
        server = TimpaniServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryMappedRouteAndNoOther() {
        Response document = server.http().get("/openapi/timpani.yaml");
        assertThat(document.status()).isEqualTo(200);
        Map<String, Object> openApi = new Yaml().load(document.body());
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) openApi.get("paths")).forEach((path, operations) ->
                operations.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + normalize(path))));

        Set<String> mapped = new TreeSet<>();
        server.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().forEach((info, method) -> {
            if (method.getBeanType().getPackageName().startsWith("dev.timpani")) {
                routesOf(info).forEach(mapped::add);
            }
        });

        assertThat(documented).containsExactlyElementsOf(mapped);
    }

    /** Where springdoc users and tools look: the same document as JSON, and as YAML. */
    @Test
    @SuppressWarnings("unchecked")
    void servesTheDocumentAsJsonWhereSpringdocDoes() {
        Response yaml = server.http().get("/openapi/timpani.yaml");
        Response json = server.http().get("/v3/api-docs");
        Response springdocYaml = server.http().get("/v3/api-docs.yaml");

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        Map<String, Object> fromYaml = new Yaml().load(yaml.body());
        Map<String, Object> fromJson = new Yaml().load(json.body());
        assertThat(fromJson).isEqualTo(fromYaml);
        assertThat(json.json().path("paths").has("/v3/api-docs")).isTrue();
        assertThat(springdocYaml.status()).isEqualTo(200);
        assertThat(springdocYaml.body()).isEqualTo(yaml.body());
    }

    @Test
    void servesSwaggerUiPointingAtTheDocument() {
        Response entry = server.http().get("/swagger-ui.html");
        Response ui = server.http().get("/swagger-ui/index.html");
        Response bundle = server.http().get("/swagger-ui/swagger-ui-bundle.js");
        Response initializer = server.http().get("/swagger-ui/swagger-initializer.js");
        Response config = server.http().get("/v3/api-docs/swagger-config");

        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.headers().firstValue("Location")).hasValue("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.contentType()).startsWith("text/html");
        assertThat(ui.body()).contains("swagger-ui");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.contentType()).startsWith("text/javascript");
        assertThat(initializer.body()).contains("url: \"/openapi/timpani.yaml\"")
                .contains("configUrl: \"/v3/api-docs/swagger-config\"").doesNotContain("petstore");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("url").asString()).isEqualTo("/openapi/timpani.yaml");
        assertThat(config.json().path("configUrl").asString()).isEqualTo("/v3/api-docs/swagger-config");
    }

    @Test
    void answersAnUnknownSwaggerUiFileWithDrumsNotFound() {
        Response missing = server.http().get("/swagger-ui/missing.js");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.message()).isEqualTo("ERROR: The requested URL was not found on the server.");
    }

    private static Set<String> routesOf(RequestMappingInfo info) {
        Set<String> routes = new TreeSet<>();
        for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
            info.getMethodsCondition().getMethods().forEach(method -> routes.add(method.name() + " " + normalize(pattern)));
        }
        return routes;
    }

    /** With and without the trailing slash are one route (R-ROUTE). */
    private static String normalize(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.isEmpty() ? "/" : trimmed;
    }
}
