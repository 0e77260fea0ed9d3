package dev.timpani.model;

/** What a model served by subprocess workers tells about them, for meters and operators. */
public interface WorkerPoolView {

    /** Workers the pool keeps. */
    int workers();

    /** Workers serving a request right now. */
    int busyWorkers();

    /** Requests waiting for a free worker. */
    int queuedRequests();

    /** Workers replaced since start (died, hung, or broke the protocol). */
    long restarts();
}
