package dev.timpani.hooks;

import dev.timpani.model.ModelBusyException;
import dev.timpani.model.ModelLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N long-lived workers serving one model. A request borrows a free worker; when none is free it waits in a
 * bounded queue (503 when the queue is full, or when no worker frees up within the request timeout). A worker
 * that dies, hangs past the timeout or breaks the protocol is discarded and a new one started in its place; the
 * server stays up.
 */
final class WorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final WorkerSettings settings;
    private final WorkerLanguage language;
    private final String name;
    private final WorkerScripts scripts;
    private final Path codeDir;
    private final Map<String, Object> loadRequest;
    // Last in, first out: below full load the same few workers take every request, their caches and pages warm,
    // while the rest sleep. First in, first out rotated a lone client's requests over all of them.
    private final BlockingDeque<WorkerProcess> idle = new LinkedBlockingDeque<>();
    private final Set<WorkerProcess> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final java.util.concurrent.atomic.AtomicLong restarts = new java.util.concurrent.atomic.AtomicLong();
    private final ScheduledExecutorService watchdog;
    private final ExecutorService starter;
    private volatile boolean closed;
    private volatile String predictor = "PythonHooks";
    private volatile Set<String> hooks = Set.of();

    WorkerPool(WorkerSettings settings, WorkerLanguage language, WorkerScripts scripts, Path codeDir,
               Map<String, Object> loadRequest) {
        this.settings = settings;
        this.language = language;
        this.name = language.displayName();
        this.scripts = scripts;
        this.codeDir = codeDir;
        this.loadRequest = Map.copyOf(loadRequest);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("timpani-worker-watchdog"));
        this.starter = Executors.newCachedThreadPool(daemon("timpani-worker-starter"));
    }

    /** Starts every worker in parallel; the first load failure fails them all (the server's 513 state). */
    void start() {
        List<Future<WorkerProcess>> starting = new ArrayList<>();
        for (int i = 0; i < settings.count(); i++) {
            starting.add(starter.submit(this::startWorker));
        }
        try {
            for (Future<WorkerProcess> future : starting) {
                idle.add(future.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS));
            }
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof ModelLoadException load ? load
                    : new ModelLoadException("The " + name + " worker failed to start: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            close();
            throw new ModelLoadException("The " + name + " workers did not load the model within "
                    + settings.startTimeout().toSeconds() + " s (timpani.workers.start-timeout)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ModelLoadException("Interrupted while starting the " + name + " workers");
        }
        log.info("{} {} worker(s) ready ({}), pids {}", settings.count(), name, predictor,
                all.stream().map(WorkerProcess::pid).sorted().toList());
    }

    String predictor() {
        return predictor;
    }

    /** The hooks the workers found in custom.py (the {@code load} answer's {@code hooks}). */
    Set<String> hooks() {
        return hooks;
    }

    int size() {
        return settings.count();
    }

    /** Workers lent out to a request (the live ones not idle). */
    int busy() {
        return Math.max(0, all.size() - idle.size());
    }

    int queued() {
        return Math.max(0, waiting.get());
    }

    long restarts() {
        return restarts.get();
    }

    List<Long> pids() {
        return all.stream().map(WorkerProcess::pid).sorted().toList();
    }

    /** One request on a free worker. */
    Wire.Message call(Map<String, ?> meta, byte[] body) {
        WorkerProcess worker = borrow();
        boolean healthy = false;
        try {
            Wire.Message answer = worker.call(meta, body, settings.requestTimeout(), watchdog);
            healthy = true;
            return answer;
        } finally {
            if (healthy && worker.usable()) {
                idle.offerFirst(worker);
            } else {
                replace(worker);
            }
        }
    }

    /**
     * A request whose answer may be several frames (a streamed {@code chat}): the worker stays lent to the
     * returned {@link Exchange} until it is closed.
     */
    Exchange exchange(Map<String, ?> meta, byte[] body) {
        WorkerProcess worker = borrow();
        Wire.Message first;
        try {
            first = worker.call(meta, body, settings.requestTimeout(), watchdog);
        } catch (RuntimeException e) {
            replace(worker);
            throw e;
        }
        return new Exchange(worker, meta.get("op"), first);
    }

    /**
     * One worker lent for a request answered with several frames. {@link #finish} says its last frame has been
     * read; closing before that (the client went away mid-stream, a frame failed) kills the worker, which may
     * still be producing, and starts a fresh one in its place. Not thread-safe.
     */
    final class Exchange implements AutoCloseable {

        private final WorkerProcess worker;
        private final Object op;
        private final Wire.Message first;
        private boolean finished;
        private boolean closed;

        private Exchange(WorkerProcess worker, Object op, Wire.Message first) {
            this.worker = worker;
            this.op = op;
            this.first = first;
        }

        Wire.Message first() {
            return first;
        }

        /** The next frame, at most the request timeout after the previous one. */
        Wire.Message next() {
            if (finished || closed) {
                throw new IllegalStateException("The worker's answer has ended");
            }
            return worker.next(op, settings.requestTimeout(), watchdog);
        }

        /** The worker has sent the last frame of this answer: closing hands it back to the pool. */
        void finish() {
            finished = true;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (finished && worker.usable()) {
                idle.offerFirst(worker);
            } else {
                if (!finished && worker.usable()) {
                    log.info("Python worker {} stopped in the middle of a {} answer; replacing it", worker.id(), op);
                }
                replace(worker);
            }
        }
    }

    /** A free, live worker; one that died while idle (OOM killer, signal) is replaced, not handed out. */
    private WorkerProcess borrow() {
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        while (true) {
            WorkerProcess worker = take(deadline);
            if (worker.usable()) {
                return worker;
            }
            replace(worker);
        }
    }

    private WorkerProcess take(long deadline) {
        if (closed) {
            throw new ModelBusyException("The " + name + " workers are shutting down");
        }
        WorkerProcess worker = idle.poll();
        if (worker != null) {
            return worker;
        }
        if (waiting.incrementAndGet() > settings.queueSize()) {
            waiting.decrementAndGet();
            throw new ModelBusyException("All " + settings.count() + " " + name + " workers are busy and "
                    + settings.queueSize() + " requests are already waiting (timpani.workers.queue-size); "
                    + "try again later");
        }
        try {
            worker = idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelBusyException("Interrupted while waiting for a " + name + " worker");
        } finally {
            waiting.decrementAndGet();
        }
        if (worker == null) {
            throw new ModelBusyException("No " + name + " worker became free within " + settings.requestTimeout().toMillis()
                    + " ms (timpani.workers.request-timeout); try again later");
        }
        return worker;
    }

    private void replace(WorkerProcess broken) {
        all.remove(broken);
        broken.kill();
        if (closed) {
            return;
        }
        restarts.incrementAndGet();
        log.warn("{} worker {} is gone; starting a replacement", name, broken.id());
        starter.submit(() -> {
            for (int attempt = 1; attempt <= 5 && !closed; attempt++) {
                try {
                    WorkerProcess fresh = startWorker();
                    if (closed) {
                        fresh.stop();
                    } else {
                        idle.offer(fresh);
                    }
                    return;
                } catch (RuntimeException e) {
                    log.error("Replacement worker failed to start (attempt {}): {}", attempt, e.getMessage());
                    sleep(Duration.ofSeconds(attempt));
                }
            }
        });
    }

    private WorkerProcess startWorker() {
        int id = nextId.getAndIncrement();
        WorkerProcess worker;
        try {
            worker = WorkerProcess.start(id, settings, language, scripts, codeDir);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot start the " + name + " worker with '" + settings.interpreter(language)
                    + "': " + e.getMessage() + ". Set " + language.interpreterProperty() + " to "
                    + language.interpreterDescription() + ".", e);
        }
        all.add(worker);
        Wire.Message answer;
        try {
            answer = worker.call(loadRequest, new byte[0], settings.startTimeout(), watchdog);
        } catch (WorkerFailedException e) {
            all.remove(worker);
            throw new ModelLoadException("The " + name + " worker could not start: " + e.getMessage(), e);
        }
        if (!answer.ok()) {
            all.remove(worker);
            worker.stop();
            throw new ModelLoadException("An error occurred when loading your artifact: "
                    + answer.meta().path("message").asString());
        }
        predictor = answer.meta().path("predictor").asString("PythonHooks");
        Set<String> found = new java.util.TreeSet<>();
        answer.meta().path("hooks").forEach(hook -> found.add(hook.asString()));
        hooks = Set.copyOf(found);
        log.debug("{} worker {} (pid {}) loaded the model", name, id, worker.pid());
        return worker;
    }

    @Override
    public void close() {
        closed = true;
        List<WorkerProcess> workers = new ArrayList<>(all);
        all.clear();
        idle.clear();
        workers.parallelStream().forEach(WorkerProcess::stop);
        starter.shutdownNow();
        watchdog.shutdownNow();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
