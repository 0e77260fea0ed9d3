package dev.timpani.hooks;

import dev.timpani.model.ChatModel;
import dev.timpani.model.ModelFailedException;
import java.util.Map;

/**
 * A hook model whose {@code custom.py} has a {@code chat} hook (R-HOOK-7): the request's JSON goes to the worker
 * as received; a completion comes back as one frame, a streamed answer as {@code chunk} frames then {@code end}
 * (PROTOCOL.md), each chunk's JSON handed on as it arrives.
 */
final class ChatHookModel extends HookModel implements ChatModel {

    static final String HOOK = "chat";

    ChatHookModel(WorkerPool pool, WorkerScripts scripts) {
        super(pool, scripts);
    }

    @Override
    public ChatResponse chat(byte[] requestJson) {
        WorkerPool.Exchange exchange = pool.exchange(Map.of("op", "chat"), requestJson);
        try {
            Wire.Message first = exchange.first();
            String status = first.meta().path("status").asString();
            if (!"chunk".equals(status) && !"end".equals(status)) {
                exchange.finish();
                exchange.close();
                return new Completion(checked(first).body());
            }
            return new HookChunkStream(exchange, first);
        } catch (RuntimeException e) {
            exchange.close();
            throw e;
        }
    }

    /** The worker's {@code chunk} frames until its {@code end} (or {@code error}) frame; the worker is held till then. */
    private static final class HookChunkStream implements ChunkStream {

        private final WorkerPool.Exchange exchange;
        private Wire.Message pending;
        private boolean ended;

        HookChunkStream(WorkerPool.Exchange exchange, Wire.Message first) {
            this.exchange = exchange;
            this.pending = first;
        }

        @Override
        public byte[] next() {
            if (ended) {
                return null;
            }
            Wire.Message frame = pending != null ? pending : exchange.next();
            pending = null;
            switch (frame.meta().path("status").asString()) {
                case "chunk" -> {
                    return frame.body();
                }
                case "end" -> {
                    ended = true;
                    exchange.finish();
                    return null;
                }
                case "error" -> {
                    ended = true;
                    exchange.finish();
                    checked(frame);
                    throw new ModelFailedException("The worker reported an error without a message");
                }
                default -> {
                    ended = true;
                    throw new ModelFailedException("Unexpected frame in the worker's chat stream: " + frame.meta());
                }
            }
        }

        @Override
        public void close() {
            exchange.close();
        }
    }
}
