package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Optional API key ({@code timpani.security.api-key}) on the scoring routes, i.e. every POST route: the key comes
 * as {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}; missing or wrong is a 401 in DRUM's error
 * body (R-ERR). GET routes (/ping/, /health/, /info/, actuator) stay open for probes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "bearer ";

    private final TimpaniProperties.Security security;

    ApiKeyFilter(TimpaniProperties properties) {
        this.security = properties.security();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !security.enabled() || !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = givenKey(request);
        if (given == null) {
            unauthorized(request, response, "Missing API key: send Authorization: Bearer <key> or X-Api-Key: <key>");
            return;
        }
        if (!security.accepts(given)) {
            unauthorized(request, response, "Invalid API key");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String givenKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return request.getHeader(API_KEY_HEADER);
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String text)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        JsonErrorWriter.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, text);
    }
}
