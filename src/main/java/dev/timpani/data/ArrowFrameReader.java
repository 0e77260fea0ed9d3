package dev.timpani.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * Reads an Arrow IPC body into a {@link Frame}, all record batches one after another. DRUM reads Arrow with
 * {@code pyarrow.ipc.deserialize_pandas}, so numbers and booleans become float64 with null as NaN, strings stay
 * text, and dictionary-encoded strings (pandas categoricals) are decoded to their values.
 */
public final class ArrowFrameReader {

    /** Request bodies are bounded upstream; this bounds what a forged length inside one can make us allocate. */
    public static final long DEFAULT_MAX_BUFFER_BYTES = 1L << 30;

    /** Schemas of many thousands of columns stay far below this. */
    static final int MAX_METADATA_BYTES = 64 << 20;

    private static final String UNREADABLE = "Arrow payload could not be read: ";

    private final long maxBufferBytes;

    public ArrowFrameReader() {
        this(DEFAULT_MAX_BUFFER_BYTES);
    }

    /** @param maxBufferBytes the most Arrow memory one read may allocate */
    public ArrowFrameReader(long maxBufferBytes) {
        this.maxBufferBytes = maxBufferBytes;
    }

    /** The Arrow IPC streaming format ({@code application/x-apache-arrow-stream}). */
    public Frame readStream(InputStream body) {
        try (BufferAllocator allocator = new RootAllocator(maxBufferBytes);
                ArrowStreamReader reader = new GuardedStreamReader(new MessageChannelReader(
                        new ArrowMessageLengthGuard(Channels.newChannel(body), MAX_METADATA_BYTES), allocator),
                        allocator)) {
            return readBatches(reader);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException | AssertionError e) {
            // Arrow checks some invariants of what it reads with assert (found by ArrowFrameReaderFuzzTest).
            throw unreadable(e);
        } catch (StackOverflowError e) {
            // Arrow converts nested fields recursively; flatbuffer offsets can make a field its own child (found by
            // ArrowFrameReaderFuzzTest). The recursion is Arrow's alone, so the stack is whole again here.
            throw new BadInputException(UNREADABLE + "the schema nests fields too deeply, or in a cycle");
        }
    }

    /** The Arrow IPC file format (footer and random access), held whole in memory. */
    public Frame readFile(byte[] body) {
        // Arrow checks the file footer's length against the array's size, and batches go through the allocator,
        // whose limit bounds a forged length: no guard needed here.
        try (BufferAllocator allocator = new RootAllocator(maxBufferBytes);
                ArrowFileReader reader = new GuardedFileReader(new ByteArrayReadableSeekableByteChannel(body),
                        allocator)) {
            return readBatches(reader);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException | AssertionError e) {
            // Arrow checks some invariants of what it reads with assert (found by ArrowFrameReaderFuzzTest).
            throw unreadable(e);
        } catch (StackOverflowError e) {
            // Arrow converts nested fields recursively; flatbuffer offsets can make a field its own child (found by
            // ArrowFrameReaderFuzzTest). The recursion is Arrow's alone, so the stack is whole again here.
            throw new BadInputException(UNREADABLE + "the schema nests fields too deeply, or in a cycle");
        }
    }

    /**
     * A multipart {@code .arrow} / {@code .feather} file may hold either IPC format: the file format starts with
     * its magic {@code ARROW1}, anything else is read as a stream.
     */
    public Frame readAny(byte[] body) {
        return isFileFormat(body) ? readFile(body) : readStream(new java.io.ByteArrayInputStream(body));
    }

    private static boolean isFileFormat(byte[] body) {
        byte[] magic = {'A', 'R', 'R', 'O', 'W', '1'};
        if (body.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (body[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static Frame readBatches(ArrowReader reader) throws IOException {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        List<Field> fields = root.getSchema().getFields();
        List<String> names = new ArrayList<>(fields.size());
        List<ArrowColumnAppender> appenders = new ArrayList<>(fields.size());
        for (Field field : fields) {
            names.add(field.getName());
            appenders.add(ArrowColumnAppender.forType(field.getName(), valueType(field, reader)));
        }
        long rowCount = 0;
        while (reader.loadNextBatch()) {
            for (int i = 0; i < fields.size(); i++) {
                appendBatch(root.getVector(i), reader, appenders.get(i));
            }
            rowCount += root.getRowCount();
            if (rowCount > Integer.MAX_VALUE) {
                throw new BadInputException("Arrow payload holds more than " + Integer.MAX_VALUE + " rows");
            }
        }
        List<Column> columns = new ArrayList<>(appenders.size());
        for (ArrowColumnAppender appender : appenders) {
            columns.add(appender.toColumn());
        }
        return new Frame(names, columns, (int) rowCount);
    }

    /** The type of the values a column holds: for a dictionary-encoded column, the dictionary's type. */
    private static ArrowType valueType(Field field, ArrowReader reader) {
        DictionaryEncoding encoding = field.getDictionary();
        return encoding == null ? field.getType() : reader.lookup(encoding.getId()).getVectorType();
    }

    private static void appendBatch(FieldVector vector, ArrowReader reader, ArrowColumnAppender appender) {
        DictionaryEncoding encoding = vector.getField().getDictionary();
        if (encoding == null) {
            appender.append(vector);
            return;
        }
        Dictionary dictionary = reader.lookup(encoding.getId());
        try (ValueVector decoded = DictionaryEncoder.decode(vector, dictionary)) {
            appender.append(decoded);
        }
    }

    /** A stream reader that checks every batch's declared length against its body first. */
    private static final class GuardedStreamReader extends ArrowStreamReader {

        GuardedStreamReader(MessageChannelReader messages, BufferAllocator allocator) {
            super(messages, allocator);
        }

        @Override
        protected void loadRecordBatch(ArrowRecordBatch batch) {
            checkOrRelease(batch, batch);
            super.loadRecordBatch(batch);
        }

        @Override
        protected void loadDictionary(ArrowDictionaryBatch batch) {
            checkOrRelease(batch.getDictionary(), batch);
            super.loadDictionary(batch);
        }
    }

    /** A file reader that checks every batch's declared length against its body first. */
    private static final class GuardedFileReader extends ArrowFileReader {

        GuardedFileReader(ByteArrayReadableSeekableByteChannel body, BufferAllocator allocator) {
            super(body, allocator);
        }

        @Override
        protected void loadRecordBatch(ArrowRecordBatch batch) {
            checkOrRelease(batch, batch);
            super.loadRecordBatch(batch);
        }

        @Override
        protected void loadDictionary(ArrowDictionaryBatch batch) {
            checkOrRelease(batch.getDictionary(), batch);
            super.loadDictionary(batch);
        }
    }

    /**
     * Arrow's loaders release a batch's buffers once they have loaded it; a batch refused before that must be
     * released here, or closing the allocator reports the leak and the memory stays taken (found by
     * ArrowFrameReaderFuzzTest).
     */
    private static void checkOrRelease(ArrowRecordBatch batch, AutoCloseable holder) {
        try {
            ArrowBatchLengthGuard.check(batch);
        } catch (BadInputException e) {
            try {
                holder.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static BadInputException unreadable(Throwable e) {
        // No Java class name reaches the client (R-ERR): an exception without a message means broken bytes.
        String detail = e.getMessage() != null ? e.getMessage() : "the body is truncated or corrupt";
        return new BadInputException(UNREADABLE + detail, e);
    }
}
