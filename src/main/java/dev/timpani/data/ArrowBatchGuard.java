package dev.timpani.data;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.DictionaryEncoding;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Type;
import org.apache.arrow.flatbuf.Union;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageResult;

/**
 * Reads an Arrow stream's messages and refuses a record or dictionary batch whose metadata its body cannot back,
 * before Arrow acts on it. Both checks were found by ArrowFrameReaderFuzzTest (regression inputs in its
 * {@code Inputs} folder):
 * <ul>
 * <li>a buffer that lies outside the body: Arrow's slicing throws and never releases the body, leaking native
 * memory on every such request;</li>
 * <li>a message of the wrong kind (the first must be the schema, the rest batches): Arrow refuses it without
 * releasing its body;</li>
 * <li>a row count the body cannot hold: Arrow sizes the vectors to the declared length and grows short buffers
 * zero-filled, so a 1 KB body declaring a billion rows costs up to the allocator's limit and tens of seconds.
 * Every column type this reader accepts needs at least one bit of data per row (booleans), and bodies are
 * uncompressed (no codec is on the classpath), so a batch may declare at most eight rows per body byte.</li>
 * <li>a schema whose union type declares more type ids than its bytes hold: Arrow allocates the array of ids
 * first (an OutOfMemoryError), or whose fields nest without end (a StackOverflowError in Arrow's recursion);</li>
 * <li>fewer field nodes than the schema has columns: Arrow's error message then prints the vector being loaded,
 * reading values through offsets an earlier batch forged, and allocates an array of their length (1.6 GB and
 * 12 s for a 648-byte file).</li>
 * </ul>
 * A refused batch's body is released here, so the allocator closes clean.
 */
final class ArrowBatchGuard extends MessageChannelReader {

    /** Alignment padding and tiny batches. */
    private static final long SLACK_ROWS = 64;
    /** Deeper than any frame this reader accepts (flat columns), far below what overflows Arrow's recursion. */
    private static final int MAX_FIELD_DEPTH = 64;

    private boolean schemaRead;
    /** While the schema is read: its size, and how many more field tables it could hold. */
    private int schemaBytes;
    private int fieldsLeft;
    /** Field nodes a record batch carries: one per column and nested child, one per dictionary-encoded column. */
    private int batchNodes;
    /** The same for each dictionary's batch, by dictionary id. */
    private final Map<Long, Integer> dictionaryNodes = new HashMap<>();

    ArrowBatchGuard(ReadChannel in, BufferAllocator allocator) {
        super(in, allocator);
    }

    @Override
    public MessageResult readNext() throws IOException {
        MessageResult result = super.readNext();
        if (result == null) {
            return null;
        }
        ArrowBuf body = result.getBodyBuffer();
        try {
            check(result.getMessage(), body == null ? 0 : body.capacity());
            schemaRead = true;
        } catch (RuntimeException e) {
            if (body != null) {
                body.close();
            }
            throw e instanceof BadInputException bad ? bad : unreadable("the batch metadata is corrupt");
        }
        return result;
    }

    private void check(Message message, long bodyBytes) {
        byte type = message.headerType();
        if (!schemaRead) {
            if (type != MessageHeader.Schema || bodyBytes != 0) {
                throw unreadable("a stream starts with its schema, and a schema has no body");
            }
            readSchema((Schema) message.header(new Schema()), message.getByteBuffer().capacity());
        } else if (type == MessageHeader.RecordBatch) {
            RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
            checkNodes(batch, batchNodes, "a record batch");
            check(batch, bodyBytes);
        } else if (type == MessageHeader.DictionaryBatch) {
            DictionaryBatch dictionary = (DictionaryBatch) message.header(new DictionaryBatch());
            RecordBatch data = dictionary.data();
            if (data == null) {
                throw unreadable("a dictionary batch holds no data");
            }
            Integer nodes = dictionaryNodes.get(dictionary.id());
            if (nodes == null) {
                throw unreadable("a dictionary batch has id " + dictionary.id()
                        + ", which no column of the schema uses");
            }
            checkNodes(data, nodes, "dictionary " + dictionary.id());
            check(data, bodyBytes);
        } else {
            throw unreadable("after the schema a stream holds only record and dictionary batches, not a message of "
                    + "type " + MessageHeader.name(type));
        }
    }

    /**
     * The schema's flatbuffer tables, checked before Arrow turns them into objects sized by their declared lengths,
     * and the field nodes each batch must carry.
     */
    private void readSchema(Schema schema, int metadataBytes) {
        schemaBytes = metadataBytes;
        fieldsLeft = metadataBytes / 4; // every field table takes more than four bytes
        for (int i = 0; i < schema.fieldsLength(); i++) {
            batchNodes += encodedNodes(schema.fields(i), 1);
        }
    }

    /** A column's nodes in a batch; a dictionary-encoded one is its indices there, its values in its dictionary. */
    private int encodedNodes(Field field, int depth) {
        if (field == null || depth > MAX_FIELD_DEPTH || --fieldsLeft < 0) {
            throw unreadable("the schema's fields are corrupt (more, or nested deeper, than its bytes can hold)");
        }
        if (field.typeType() == Type.Union) {
            Union union = (Union) field.type(new Union());
            if (union == null || union.typeIdsLength() < 0 || union.typeIdsLength() > schemaBytes / 4) {
                throw unreadable("a union column declares more type ids than the schema's bytes can hold");
            }
        }
        int valueNodes = 1;
        for (int i = 0; i < field.childrenLength(); i++) {
            valueNodes += encodedNodes(field.children(i), depth + 1);
        }
        DictionaryEncoding dictionary = field.dictionary();
        if (dictionary == null) {
            return valueNodes;
        }
        dictionaryNodes.put(dictionary.id(), valueNodes);
        return 1;
    }

    private static void checkNodes(RecordBatch batch, int expected, String what) {
        if (batch.nodesLength() != expected) {
            throw unreadable(what + " holds " + batch.nodesLength() + " field nodes where the schema needs "
                    + expected);
        }
    }

    private static void check(RecordBatch batch, long bodyBytes) {
        Buffer buffer = new Buffer();
        for (int i = 0; i < batch.buffersLength(); i++) {
            batch.buffers(buffer, i);
            long offset = buffer.offset();
            long length = buffer.length();
            if (offset < 0 || length < 0 || offset > bodyBytes || length > bodyBytes - offset) {
                throw unreadable("a buffer of " + length + " bytes at offset " + offset + " lies outside the "
                        + bodyBytes + "-byte body of its batch");
            }
        }
        if (batch.nodesLength() == 0) {
            return; // no columns: nothing is allocated
        }
        long declared = batch.length();
        FieldNode node = new FieldNode();
        for (int i = 0; i < batch.nodesLength(); i++) {
            batch.nodes(node, i);
            if (node.length() < 0 || node.nullCount() < 0 || node.nullCount() > node.length()) {
                throw unreadable("a column declares " + node.length() + " rows of which " + node.nullCount()
                        + " are null");
            }
            declared = Math.max(declared, node.length());
        }
        if (declared < 0 || declared > bodyBytes * 8 + SLACK_ROWS) {
            throw unreadable("a record batch declares " + declared + " rows but its body holds only "
                    + bodyBytes + " bytes");
        }
    }

    private static BadInputException unreadable(String detail) {
        return new BadInputException("Arrow payload could not be read: " + detail);
    }
}
