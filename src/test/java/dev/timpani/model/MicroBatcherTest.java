package dev.timpani.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.PandasText;
import dev.timpani.data.TextColumn;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.xgboost.XGBoostLoader;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Micro-batching with real XGBoost models: whatever batches form, each request gets exactly its own rows'
 * predictions, in order, and its own errors. {@link CountingModel} only records the calls the real model gets.
 */
class MicroBatcherTest {

    @ParameterizedTest(name = "{0}, {1} lanes")
    @CsvSource({"xgboost_native_regression, 1", "xgboost_native_multiclass, 3"})
    void concurrentRequestsEachGetTheirOwnRowsInOrder(String caseName, int lanes) throws Exception {
        CorpusCase corpusCase = Corpus.get(caseName);
        Frame input = corpusCase.inputFrame();
        try (CountingModel model = new CountingModel(load(corpusCase))) {
            RawPredictions reference = model.predict(input);
            model.calls.clear();
            // Few lanes and many threads: most requests wait and are joined into batches.
            MicroBatcher batcher = batcher(lanes, 64, Duration.ZERO);
            int threads = 24;
            int requestsPerThread = 40;
            List<Callable<Integer>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(t);
                clients.add(() -> {
                    for (int r = 0; r < requestsPerThread; r++) {
                        int rows = 1 + random.nextInt(8);
                        int from = random.nextInt(input.rowCount() - rows + 1);
                        RawPredictions answer = batcher.predict(model, input.rows(from, from + rows));
                        assertThat(answer.columns()).as("rows %d to %d", from, from + rows)
                                .isDeepEqualTo(reference.rows(from, from + rows).columns());
                    }
                    return requestsPerThread;
                });
            }

            int answered = runAll(clients);

            assertThat(answered).isEqualTo(threads * requestsPerThread);
            assertThat(model.calls).as("model calls (rows each)").hasSizeLessThan(answered);
            assertThat(model.calls).allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(64));
        }
    }

    @Test
    void aBadValueInAJoinedBatchFailsOnlyItsOwnRequestNamingItsOwnRow() throws Exception {
        CorpusCase corpusCase = Corpus.get("xgboost_native_regression");
        Frame input = corpusCase.inputFrame();
        int column = input.indexOf("AVG_fr");
        // Every request holds AVG_fr as text (numbers that did not all parse), so all of them can be joined.
        List<Frame> requests = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            requests.add(withTextColumn(input.rows(3 * r, 3 * r + 3), column, r == 4 ? 1 : -1));
        }
        try (CountingModel model = new CountingModel(load(corpusCase))) {
            RawPredictions reference = model.predict(input);
            model.calls.clear();
            // The window holds the one lane until all 18 rows wait, so the six requests make one batch.
            MicroBatcher batcher = batcher(1, 18, Duration.ofSeconds(30));
            List<Callable<RawPredictions>> clients = new ArrayList<>();
            for (Frame request : requests) {
                clients.add(() -> batcher.predict(model, request));
            }

            List<Future<RawPredictions>> answers = submitAll(clients);

            for (int r = 0; r < requests.size(); r++) {
                Future<RawPredictions> answer = answers.get(r);
                if (r == 4) {
                    assertThatThrownBy(answer::get).cause().isInstanceOf(BadInputException.class)
                            .hasMessage("column 'AVG_fr' is not a number in row 2 (\"abc\")");
                } else {
                    assertThat(answer.get().columns()).isDeepEqualTo(reference.rows(3 * r, 3 * r + 3).columns());
                }
            }
            // The joined batch first, then each request alone.
            assertThat(model.calls).containsExactly(18, 3, 3, 3, 3, 3, 3);
        }
    }

    @Test
    void aRequestWithTextWhereOthersHaveNumbersIsNotJoinedAndKeepsItsError() throws Exception {
        CorpusCase corpusCase = Corpus.get("xgboost_native_regression");
        Frame input = corpusCase.inputFrame();
        Frame bad = withTextColumn(input.rows(0, 2), input.indexOf("OBP_so"), 1);
        try (CountingModel model = new CountingModel(load(corpusCase))) {
            RawPredictions reference = model.predict(input);
            MicroBatcher batcher = batcher(1, 64, Duration.ZERO);
            List<Callable<RawPredictions>> clients = new ArrayList<>();
            for (int r = 0; r < 20; r++) {
                int from = r * 2;
                clients.add(r == 7 ? () -> batcher.predict(model, bad)
                        : () -> batcher.predict(model, input.rows(from, from + 2)));
            }

            List<Future<RawPredictions>> answers = submitAll(clients);

            for (int r = 0; r < 20; r++) {
                if (r == 7) {
                    assertThatThrownBy(answers.get(r)::get).cause().isInstanceOf(BadInputException.class)
                            .hasMessage("column 'OBP_so' is not a number in row 2 (\"abc\")");
                } else {
                    assertThat(answers.get(r).get().columns())
                            .isDeepEqualTo(reference.rows(2 * r, 2 * r + 2).columns());
                }
            }
        }
    }

    @Test
    void aLoneRequestIsScoredAtOnceOnItsOwnThread() throws Exception {
        CorpusCase corpusCase = Corpus.get("xgboost_native_regression");
        Frame request = corpusCase.inputFrame().rows(0, 1);
        try (CountingModel model = new CountingModel(load(corpusCase))) {
            MicroBatcher batcher = batcher(2, 64, Duration.ZERO);

            RawPredictions answer = batcher.predict(model, request);

            assertThat(answer.rowCount()).isEqualTo(1);
            assertThat(model.calls).containsExactly(1);
            assertThat(model.threads).containsExactly(Thread.currentThread());
        }
    }

    @Test
    void requestsOfMaxRowsOrMoreAndEmptyOnesAreScoredDirectly() throws Exception {
        CorpusCase corpusCase = Corpus.get("xgboost_native_regression");
        Frame input = corpusCase.inputFrame();
        try (CountingModel model = new CountingModel(load(corpusCase))) {
            // A window that would hold any queued request for a minute: these never queue.
            MicroBatcher batcher = batcher(1, 10, Duration.ofMinutes(1));

            assertThat(batcher.predict(model, input.rows(0, 10)).rowCount()).isEqualTo(10);
            assertThat(batcher.predict(model, input.rows(0, 0)).rowCount()).isZero();
            assertThat(model.calls).containsExactly(10, 0);
        }
    }

    @Test
    void offScoresEveryRequestOnItsOwn() throws Exception {
        CorpusCase corpusCase = Corpus.get("xgboost_native_regression");
        Frame input = corpusCase.inputFrame();
        try (CountingModel model = new CountingModel(load(corpusCase))) {
            MicroBatcher batcher = MicroBatcher.off();
            List<Callable<RawPredictions>> clients = new ArrayList<>();
            for (int r = 0; r < 16; r++) {
                clients.add(() -> batcher.predict(model, input.rows(0, 1)));
            }

            submitAll(clients);

            assertThat(model.calls).hasSize(16).containsOnly(1);
        }
    }

    @Test
    void aWaitingRequestThatIsInterruptedLeavesTheQueue() throws Exception {
        CorpusCase corpusCase = Corpus.get("xgboost_native_regression");
        Frame input = corpusCase.inputFrame();
        try (CountingModel model = new CountingModel(load(corpusCase))) {
            MicroBatcher batcher = batcher(1, 64, Duration.ofSeconds(2));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // The first request takes the one lane and waits out the window for more rows.
                Future<RawPredictions> holder = pool.submit(() -> batcher.predict(model, input.rows(0, 1)));
                await(() -> batcher.freeLanes() == 0);
                Future<RawPredictions> waiter = pool.submit(() -> batcher.predict(model, input.rows(1, 2)));
                await(() -> batcher.waitingRequests() == 2);

                waiter.cancel(true);
                await(() -> batcher.waitingRequests() == 1);

                assertThat(holder.get(1, TimeUnit.MINUTES).rowCount()).isEqualTo(1);
                assertThat(model.calls).containsExactly(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static MicroBatcher batcher(int lanes, int maxRows, Duration window) {
        return new MicroBatcher(new TimpaniProperties.Batching(true, lanes, maxRows, window));
    }

    /**
     * On XGBoost4J: a native engine with a fixed cost per call, which batches (the compiled engine does not). The
     * proof covers the corpus' boosters on the compiled engine only, so the gate trusts them here: batching, not
     * exactness, is under test.
     */
    private static ScoringModel load(CorpusCase corpusCase) throws Exception {
        return new XGBoostLoader(dev.timpani.model.VersionGate.of(XGBoostLoader.PROVEN, true), false)
                .load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase));
    }

    /** The frame with one column turned to text as a reader keeps it, and "abc" in {@code badRow} unless -1. */
    private static Frame withTextColumn(Frame frame, int column, int badRow) {
        double[] numbers = ((NumericColumn) frame.column(column)).values();
        String[] texts = new String[numbers.length];
        for (int row = 0; row < numbers.length; row++) {
            texts[row] = row == badRow ? "abc" : PandasText.of(numbers[row]);
        }
        List<Column> columns = new ArrayList<>(frame.columns());
        columns.set(column, new TextColumn(texts));
        return new Frame(frame.columnNames(), columns, frame.rowCount());
    }

    private static int runAll(List<Callable<Integer>> clients) throws Exception {
        int count = 0;
        for (Future<Integer> answer : submitAll(clients)) {
            count += answer.get();
        }
        return count;
    }

    /** Runs every client on a thread of its own, all at once, and waits for them all to finish. */
    private static <T> List<Future<T>> submitAll(List<Callable<T>> clients) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<T>> answers = pool.invokeAll(clients, 2, TimeUnit.MINUTES);
            for (Future<T> answer : answers) {
                assertThat(answer.isCancelled()).as("a request still waiting after two minutes").isFalse();
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for the batcher").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** The real model, with a record of the rows each call got and the thread that made it. */
    private static final class CountingModel implements ScoringModel {

        private final ScoringModel model;
        final List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        CountingModel(ScoringModel model) {
            this.model = model;
        }

        @Override
        public String predictor() {
            return model.predictor();
        }

        @Override
        public RawPredictions predict(Frame frame) {
            calls.add(frame.rowCount());
            threads.add(Thread.currentThread());
            return model.predict(frame);
        }

        @Override
        public boolean batchesFaster() {
            return model.batchesFaster();
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
