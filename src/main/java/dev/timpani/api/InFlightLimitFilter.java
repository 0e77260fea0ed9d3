package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * R-ERR-5 (Timpani): at most {@code timpani.limits.max-in-flight} scoring requests at once; one more is answered
 * 503 at once instead of queueing in Tomcat. Scoring routes are the POST routes; GET status routes are not counted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class InFlightLimitFilter extends OncePerRequestFilter {

    private final Semaphore permits;
    private final String busy;

    InFlightLimitFilter(TimpaniProperties properties) {
        int limit = properties.limits().maxInFlight();
        if (limit < 1) {
            throw new IllegalArgumentException("timpani.limits.max-in-flight must be positive: " + limit);
        }
        this.permits = new Semaphore(limit);
        this.busy = "Server busy: " + limit + " requests are in flight, the limit of timpani.limits.max-in-flight; "
                + "retry later";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            response.setHeader("Retry-After", "1");
            JsonErrorWriter.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, busy);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
