package dev.timpani.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Request body sizes per route ({@code timpani.request.payload}), read from the declared length so the body is
 * never touched here; chunked bodies of unknown length are not counted.
 */
class PayloadSizeFilter extends OncePerRequestFilter {

    private final MeterRegistry meters;
    private final java.util.Map<String, DistributionSummary> byRoute = new java.util.concurrent.ConcurrentHashMap<>();

    PayloadSizeFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    private DistributionSummary summary(String route) {
        return DistributionSummary.builder("timpani.request.payload").description("Request body size")
                .baseUnit("bytes").tag("uri", route).publishPercentileHistogram().register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            long length = request.getContentLengthLong();
            if (length >= 0 && "POST".equals(request.getMethod())) {
                Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                byRoute.computeIfAbsent(route == null ? "UNKNOWN" : route.toString(), this::summary).record(length);
            }
        }
    }
}
