package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** Digest of the key, so the comparison's time depends on neither the key's length nor its content. */
    private final byte[] expected;

    ApiKeyFilter(TimpaniProperties properties) {
        TimpaniProperties.Security security = properties.security();
        this.expected = security.enabled() ? digest(security.apiKey()) : null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return expected == null || !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = givenKey(request);
        if (given == null) {
            unauthorized(request, response, "Missing API key: send Authorization: Bearer <key> or X-Api-Key: <key>");
            return;
        }
        if (!MessageDigest.isEqual(expected, digest(given))) {
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

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String text) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        JsonErrorWriter.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, text);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
