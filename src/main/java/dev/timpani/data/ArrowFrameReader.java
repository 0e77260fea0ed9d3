package dev.timpani.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

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

    private static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    /** An Arrow file's magic {@code ARROW1} and its padding to 8 bytes, before the stream. */
    private static final int FILE_PREAMBLE = 8;

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
        try (ArrowReadMemory memory = new ArrowReadMemory(maxBufferBytes);
                ArrowStreamReader reader = new ArrowStreamReader(new ArrowBatchGuard(
                        new ArrowMessageLengthGuard(Channels.newChannel(body), MAX_METADATA_BYTES),
                        memory.allocator()), memory.allocator())) {
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
     * The Arrow IPC file format: magic, padding, the streaming format, footer, magic. Every writer (pyarrow, Arrow
     * Java) writes the messages in order and ends them with the stream's end marker before the footer, so the
     * body after the leading magic is read as a stream and the footer's block index is not trusted. Arrow's own
     * footer-driven reader leaked native memory on blocks that run past the end of the body (found by
     * ArrowFrameReaderFuzzTest); the stream reader is guarded against forged lengths.
     */
    public Frame readFile(byte[] body) {
        if (!isFileFormat(body) || body.length < FILE_PREAMBLE) {
            throw new BadInputException(UNREADABLE + "an Arrow file starts with the magic ARROW1");
        }
        if (!endsWithMagic(body)) {
            throw new BadInputException(UNREADABLE + "an Arrow file ends with the magic ARROW1 (truncated?)");
        }
        return readStream(new java.io.ByteArrayInputStream(body, FILE_PREAMBLE, body.length - FILE_PREAMBLE));
    }

    /**
     * A multipart {@code .arrow} / {@code .feather} file may hold either IPC format: the file format starts with
     * its magic {@code ARROW1}, anything else is read as a stream.
     */
    public Frame readAny(byte[] body) {
        return isFileFormat(body) ? readFile(body) : readStream(new java.io.ByteArrayInputStream(body));
    }

    private static boolean isFileFormat(byte[] body) {
        return hasMagicAt(body, 0);
    }

    private static boolean endsWithMagic(byte[] body) {
        return body.length >= FILE_PREAMBLE + MAGIC.length && hasMagicAt(body, body.length - MAGIC.length);
    }

    private static boolean hasMagicAt(byte[] body, int offset) {
        if (offset < 0 || body.length - offset < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[offset + i] != MAGIC[i]) {
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
        // Buffer sizes come from the sender: each must hold the batch's rows before any value is read (found by
        // ArrowFrameReaderFuzzTest). Not validateFull(): its text check reads values through the very offsets it
        // has yet to trust; ArrowTextAppender checks each value's offsets itself.
        vector.validate();
        DictionaryEncoding encoding = vector.getField().getDictionary();
        if (encoding == null) {
            appender.append(vector);
            return;
        }
        Dictionary dictionary = reader.lookup(encoding.getId());
        dictionary.getVector().validate();
        try (ValueVector decoded = DictionaryEncoder.decode(vector, dictionary)) {
            appender.append(decoded);
        }
    }

    private static BadInputException unreadable(Throwable e) {
        // No Java class name reaches the client (R-ERR): an exception without a message means broken bytes.
        String detail = e.getMessage() != null ? e.getMessage() : "the body is truncated or corrupt";
        return new BadInputException(UNREADABLE + detail, e);
    }
}
