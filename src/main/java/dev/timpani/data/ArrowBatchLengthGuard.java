package dev.timpani.data;

import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Refuses a record batch whose declared row count its body cannot hold, before Arrow acts on it.
 *
 * <p>Arrow sizes the vectors to a batch's declared length and grows ("reallocates") buffers that are too short,
 * zero-filled: a 1 KB body declaring a billion rows costs up to the allocator's limit and tens of seconds
 * (found by ArrowFrameReaderFuzzTest; regression inputs in its {@code Inputs} folder). Every column type this
 * reader accepts needs at least one bit of data per row (booleans), and bodies are uncompressed (no codec is on
 * the classpath), so a batch may declare at most eight rows per body byte.
 */
final class ArrowBatchLengthGuard {

    /** Alignment padding and tiny batches. */
    private static final long SLACK_ROWS = 64;

    private ArrowBatchLengthGuard() {
    }

    static void check(ArrowRecordBatch batch) {
        if (batch.getNodes().isEmpty()) {
            return; // no columns: nothing is allocated
        }
        long declared = batch.getLength();
        for (ArrowFieldNode node : batch.getNodes()) {
            declared = Math.max(declared, node.getLength());
        }
        long bodyBytes = Math.max(0, batch.computeBodyLength());
        if (declared < 0 || declared > bodyBytes * 8 + SLACK_ROWS) {
            throw new BadInputException("Arrow payload could not be read: a record batch declares " + declared
                    + " rows but its body holds only " + bodyBytes + " bytes");
        }
    }
}
