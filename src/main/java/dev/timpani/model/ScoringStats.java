package dev.timpani.model;

import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Running min / avg / max of model scoring time, for {@code /stats/}'s {@code run_predictor_total}. */
public final class ScoringStats implements ScoringListener {

    private final DoubleAccumulator min = new DoubleAccumulator(Math::min, Double.POSITIVE_INFINITY);
    private final DoubleAccumulator max = new DoubleAccumulator(Math::max, Double.NEGATIVE_INFINITY);
    private final DoubleAdder total = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    @Override
    public void scored(int rows, long nanos, boolean succeeded) {
        record(nanos);
    }

    public void record(long nanos) {
        double seconds = nanos / 1e9;
        min.accumulate(seconds);
        max.accumulate(seconds);
        total.add(seconds);
        count.increment();
    }

    public record Summary(long count, Double min, Double avg, Double max) {
    }

    /** Nulls until the first prediction, as DRUM reports nothing before it. */
    public Summary summary() {
        long n = count.sum();
        if (n == 0) {
            return new Summary(0, null, null, null);
        }
        return new Summary(n, min.get(), total.sum() / n, max.get());
    }
}
