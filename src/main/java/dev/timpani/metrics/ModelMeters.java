package dev.timpani.metrics;

import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import dev.timpani.model.Scorer;
import dev.timpani.model.ScoringListener;
import dev.timpani.model.WorkerPoolView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * The model's meters: scoring time (a histogram, by outcome), rows scored, load time, and the load state as one
 * gauge per state (1 for the current one), so a dashboard can alert on {@code state="failed"}.
 */
class ModelMeters implements MeterBinder, ScoringListener {

    private final ModelRegistry registry;
    private volatile MeterRegistry meters;

    ModelMeters(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        // DRUM's meters exist from the start, so dashboards see zeros before the first request.
        scoringTimer(meters, "success", Scorer.DRUM);
        scoringTimer(meters, "failure", Scorer.DRUM);
        rowCounter(meters, Scorer.DRUM);
        this.meters = meters;
        TimeGauge.builder("timpani.model.load.duration", registry,
                        TimeUnit.SECONDS, r -> r.loadDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN))
                .description("Time the model took to load").register(meters);
        state(meters, "loading", ModelState.Loading.class);
        state(meters, "ready", ModelState.Ready.class);
        state(meters, "failed", ModelState.Failed.class);
        workerGauge(meters, "timpani.workers.size", "Hook worker processes the pool keeps", WorkerPoolView::workers);
        workerGauge(meters, "timpani.workers.busy", "Hook workers serving a request", WorkerPoolView::busyWorkers);
        workerGauge(meters, "timpani.workers.queued", "Requests waiting for a free hook worker",
                WorkerPoolView::queuedRequests);
        FunctionCounter.builder("timpani.workers.restarts", registry,
                        r -> workerPool(r).map(WorkerPoolView::restarts).orElse(0L))
                .description("Hook workers replaced after dying, hanging or breaking the protocol").register(meters);
    }

    /** 0 for models without workers (JVM-native ones), so dashboards need no special case. */
    private void workerGauge(MeterRegistry meters, String name, String description,
                             java.util.function.ToIntFunction<WorkerPoolView> value) {
        Gauge.builder(name, registry, r -> workerPool(r).map(value::applyAsInt).orElse(0)).description(description)
                .register(meters);
    }

    private static java.util.Optional<WorkerPoolView> workerPool(ModelRegistry registry) {
        return registry.state() instanceof ModelState.Ready ready
                && ready.model().model() instanceof WorkerPoolView pool ? java.util.Optional.of(pool)
                : java.util.Optional.empty();
    }

    /** Registered once per outcome and protocol; Micrometer hands back the same meter afterwards. */
    private static Timer scoringTimer(MeterRegistry meters, String outcome, String protocol) {
        return Timer.builder("timpani.model.scoring").description("Time the model takes to score one request")
                .tag("outcome", outcome).tag("protocol", protocol).publishPercentileHistogram().register(meters);
    }

    private static Counter rowCounter(MeterRegistry meters, String protocol) {
        return Counter.builder("timpani.model.rows").description("Rows scored by the model").baseUnit("rows")
                .tag("protocol", protocol).register(meters);
    }

    private void state(MeterRegistry meters, String name, Class<? extends ModelState> type) {
        Gauge.builder("timpani.model.state", registry, r -> type.isInstance(r.state()) ? 1 : 0)
                .description("1 for the model's current load state").tag("state", name).register(meters);
    }

    @Override
    public void scored(int rowCount, long nanos, boolean success) {
        scored(rowCount, nanos, success, Scorer.DRUM);
    }

    @Override
    public void scored(int rowCount, long nanos, boolean success, String protocol) {
        MeterRegistry bound = meters;
        if (bound != null) {
            scoringTimer(bound, success ? "success" : "failure", protocol).record(nanos, TimeUnit.NANOSECONDS);
            rowCounter(bound, protocol).increment(rowCount);
        }
    }
}
