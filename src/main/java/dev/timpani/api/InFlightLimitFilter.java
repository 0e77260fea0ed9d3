package dev.timpani.api;

import dev.timpani.model.InFlightRequests;
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
 * R-ERR-5 (Timpani): at most {@code timpani.limits.max-in-flight} scoring requests at once; one more is answered
 * 503 at once instead of queueing in Tomcat. While the server drains for shutdown, every new one is answered 503
 * (the client retries on another replica) and its connection closed. Scoring routes are the POST routes; GET
 * status routes are not counted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class InFlightLimitFilter extends OncePerRequestFilter {

    private static final String SHUTTING_DOWN = "Server is shutting down; retry on another replica";

    private final InFlightRequests inFlight;
    private final String busy;

    InFlightLimitFilter(InFlightRequests inFlight) {
        this.inFlight = inFlight;
        this.busy = "Server busy: " + inFlight.limit() + " requests are in flight, the limit of "
                + "timpani.limits.max-in-flight; retry later";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        switch (inFlight.enter()) {
            case BUSY -> {
                response.setHeader("Retry-After", "1");
                JsonErrorWriter.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, busy);
                return;
            }
            case DRAINING -> {
                response.setHeader("Connection", "close");
                JsonErrorWriter.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, SHUTTING_DOWN);
                return;
            }
            case NONE -> { }
        }
        try {
            chain.doFilter(request, response);
        } finally {
            inFlight.leave();
        }
    }
}
