package dev.timpani.model;

/**
 * A model with an OpenAI-style {@code chat} hook (R-HOOK-7, R-ROUTE-9). The request's JSON goes to the model as
 * sent and its answer comes back as JSON bytes: the JVM forwards them without parsing either. Whether the answer
 * streams is the model's to say (it returns an iterator of chunks instead of one completion).
 * Implementations are thread-safe.
 */
public interface ChatModel {

    /**
     * @param requestJson the body of {@code POST /chat/completions}, as received
     * @return the whole completion, or a stream of chunks
     */
    ChatResponse chat(byte[] requestJson);

    /** What a chat hook answered. */
    sealed interface ChatResponse permits Completion, ChunkStream {
    }

    /** A non-streamed answer: one ChatCompletion as JSON. */
    record Completion(byte[] json) implements ChatResponse {
    }

    /**
     * A streamed answer: ChatCompletionChunks, each one line of JSON, in the order the model produced them. The
     * model stays busy with this request until the stream ends or is closed; close it in every case.
     */
    non-sealed interface ChunkStream extends ChatResponse, AutoCloseable {

        /**
         * Waits for the next chunk.
         *
         * @return its JSON, or {@code null} when the model has produced its last chunk
         * @throws ModelFailedException when the model failed in the middle of the stream
         */
        byte[] next();

        /** Ends the stream; before its end the model's producer is stopped. */
        @Override
        void close();
    }
}
