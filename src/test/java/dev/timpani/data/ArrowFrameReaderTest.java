package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArrowFrameReaderTest {

    private final ArrowFrameReader reader = new ArrowFrameReader();
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    /** Writes the vectors as Arrow IPC, one record batch per call of {@code fillBatch} (batch index, root). */
    private byte[] write(boolean fileFormat, List<FieldVector> vectors, int batches,
            BiConsumer<Integer, VectorSchemaRoot> fillBatch, DictionaryProvider dictionaries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
                ArrowWriter writer = fileFormat
                        ? new ArrowFileWriter(root, dictionaries, Channels.newChannel(bytes))
                        : new ArrowStreamWriter(root, dictionaries, bytes)) {
            writer.start();
            for (int batch = 0; batch < batches; batch++) {
                fillBatch.accept(batch, root);
                writer.writeBatch();
            }
            writer.end();
        }
        return bytes.toByteArray();
    }

    private byte[] write(boolean fileFormat, List<FieldVector> vectors, int batches,
            BiConsumer<Integer, VectorSchemaRoot> fillBatch) throws IOException {
        return write(fileFormat, vectors, batches, fillBatch, new DictionaryProvider.MapDictionaryProvider());
    }

    private byte[] mixedTypes(boolean fileFormat) throws IOException {
        Float8Vector price = new Float8Vector("price", allocator);
        BigIntVector count = new BigIntVector("count", allocator);
        BitVector flag = new BitVector("flag", allocator);
        VarCharVector city = new VarCharVector("city", allocator);
        return write(fileFormat, List.of(price, count, flag, city), 2, (batch, root) -> {
            root.allocateNew();
            if (batch == 0) {
                price.setSafe(0, 1.5);
                price.setNull(1);
                count.setSafe(0, 7);
                count.setSafe(1, -2);
                flag.setSafe(0, 1);
                flag.setSafe(1, 0);
                city.setSafe(0, "Zürich".getBytes(StandardCharsets.UTF_8));
                city.setNull(1);
                root.setRowCount(2);
            } else {
                price.setSafe(0, -0.25);
                count.setNull(0);
                flag.setNull(0);
                city.setSafe(0, "Oslo".getBytes(StandardCharsets.UTF_8));
                root.setRowCount(1);
            }
        });
    }

    private static void assertMixedTypes(Frame frame) {
        assertThat(frame.columnNames()).containsExactly("price", "count", "flag", "city");
        assertThat(frame.rowCount()).isEqualTo(3);
        assertThat(((NumericColumn) frame.column(0)).values()).containsExactly(1.5, Double.NaN, -0.25);
        assertThat(((NumericColumn) frame.column(1)).values()).containsExactly(7.0, -2.0, Double.NaN);
        assertThat(((NumericColumn) frame.column(2)).values()).containsExactly(1.0, 0.0, Double.NaN);
        assertThat(((TextColumn) frame.column(3)).values()).containsExactly("Zürich", null, "Oslo");
    }

    @Test
    void readsStreamConcatenatingRecordBatches() throws IOException {
        byte[] body = mixedTypes(false);

        assertMixedTypes(reader.readStream(new ByteArrayInputStream(body)));
    }

    @Test
    void readsFileConcatenatingRecordBatches() throws IOException {
        byte[] body = mixedTypes(true);

        assertMixedTypes(reader.readFile(body));
    }

    @Test
    void readsNarrowAndUnsignedNumbers() throws IOException {
        Float4Vector ratio = new Float4Vector("ratio", allocator);
        IntVector small = new IntVector("small", allocator);
        UInt1Vector octet = new UInt1Vector("octet", allocator);
        UInt8Vector huge = new UInt8Vector("huge", allocator);
        byte[] body = write(false, List.of(ratio, small, octet, huge), 1, (batch, root) -> {
            root.allocateNew();
            ratio.setSafe(0, 0.5f);
            small.setSafe(0, Integer.MIN_VALUE);
            octet.setSafe(0, (byte) 0xFF);
            huge.setSafe(0, -1L);
            root.setRowCount(1);
        });

        Frame frame = reader.readStream(new ByteArrayInputStream(body));

        assertThat(((NumericColumn) frame.column(0)).values()).containsExactly(0.5);
        assertThat(((NumericColumn) frame.column(1)).values()).containsExactly(-2147483648.0);
        assertThat(((NumericColumn) frame.column(2)).values()).containsExactly(255.0);
        assertThat(((NumericColumn) frame.column(3)).values()).containsExactly(18446744073709551615.0);
    }

    @Test
    void readsLargeUtf8AsText() throws IOException {
        LargeVarCharVector note = new LargeVarCharVector("note", allocator);
        byte[] body = write(true, List.of(note), 1, (batch, root) -> {
            root.allocateNew();
            note.setSafe(0, "long".getBytes(StandardCharsets.UTF_8));
            note.setNull(1);
            root.setRowCount(2);
        });

        Frame frame = reader.readFile(body);

        assertThat(((TextColumn) frame.column(0)).values()).containsExactly("long", null);
    }

    @Test
    void decodesDictionaryEncodedStrings() throws IOException {
        VarCharVector colours = new VarCharVector("colour-dictionary", allocator);
        colours.allocateNew();
        colours.setSafe(0, "red".getBytes(StandardCharsets.UTF_8));
        colours.setSafe(1, "green".getBytes(StandardCharsets.UTF_8));
        colours.setValueCount(2);
        Dictionary dictionary = new Dictionary(colours, new DictionaryEncoding(1L, false, null));
        DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(dictionary);
        VarCharVector plain = new VarCharVector("colour", allocator);
        plain.allocateNew();
        plain.setSafe(0, "green".getBytes(StandardCharsets.UTF_8));
        plain.setNull(1);
        plain.setSafe(2, "red".getBytes(StandardCharsets.UTF_8));
        plain.setValueCount(3);
        FieldVector encoded = (FieldVector) DictionaryEncoder.encode(plain, dictionary);
        plain.close();
        try {
            byte[] body = write(false, List.of(encoded), 1, (batch, root) -> root.setRowCount(3), provider);

            Frame frame = reader.readStream(new ByteArrayInputStream(body));

            assertThat(frame.columnNames()).containsExactly("colour");
            assertThat(((TextColumn) frame.column(0)).values()).containsExactly("green", null, "red");
        } finally {
            colours.close();
        }
    }

    @Test
    void readsSchemaWithoutBatchesAsZeroRows() throws IOException {
        Float8Vector price = new Float8Vector("price", allocator);
        byte[] body = write(false, List.of(price), 0, (batch, root) -> { });

        Frame frame = reader.readStream(new ByteArrayInputStream(body));

        assertThat(frame.columnNames()).containsExactly("price");
        assertThat(frame.rowCount()).isZero();
    }

    @Test
    void rejectsUnsupportedTypeNamingColumn() throws IOException {
        DateDayVector day = new DateDayVector("day", allocator);
        byte[] body = write(false, List.of(day), 1, (batch, root) -> {
            root.allocateNew();
            day.setSafe(0, 19000);
            root.setRowCount(1);
        });

        assertThatThrownBy(() -> reader.readStream(new ByteArrayInputStream(body)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Arrow column 'day' has type Date(DAY), which is not read; send numbers, booleans or strings");
    }

    @Test
    void rejectsGarbageStream() {
        byte[] garbage = "this is not arrow at all".getBytes(StandardCharsets.UTF_8);

        // "this" read as a length prefix claims 1.9 GB of metadata: refused before anything is allocated.
        assertThatThrownBy(() -> reader.readStream(new ByteArrayInputStream(garbage)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Arrow payload could not be read: message metadata of 1936287860 bytes is not plausible"
                        + " (at most 67108864); is this an Arrow stream?");
    }

    @Test
    void rejectsCsvSentAsArrowStream() {
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.readStream(new ByteArrayInputStream(csv)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Arrow payload could not be read: message metadata of ");
    }

    @Test
    void rejectsBatchLargerThanMemoryLimit() throws IOException {
        byte[] body = mixedTypes(false);

        assertThatThrownBy(() -> new ArrowFrameReader(16).readStream(new ByteArrayInputStream(body)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Arrow payload could not be read: ");
    }

    @Test
    void rejectsEmptyStream() {
        assertThatThrownBy(() -> reader.readStream(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Arrow payload could not be read: Unexpected end of input. Missing schema.");
    }

    @Test
    void rejectsGarbageFile() {
        byte[] garbage = "this is not arrow at all".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.readFile(garbage))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Arrow payload could not be read: ");
    }

    @Test
    void rejectsTruncatedStream() throws IOException {
        byte[] body = mixedTypes(false);
        byte[] truncated = Arrays.copyOf(body, body.length / 2);

        assertThatThrownBy(() -> reader.readStream(new ByteArrayInputStream(truncated)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Arrow payload could not be read: ");
    }

    @Test
    void rejectsTruncatedFile() throws IOException {
        byte[] body = mixedTypes(true);
        byte[] truncated = Arrays.copyOf(body, body.length - 20);

        assertThatThrownBy(() -> reader.readFile(truncated))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Arrow payload could not be read: ");
    }

    @Test
    void rejectsStreamBytesAsFile() throws IOException {
        byte[] body = mixedTypes(false);

        assertThatThrownBy(() -> reader.readFile(body))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Arrow payload could not be read: ");
    }

    /**
     * A dictionary batch for an id the schema never declared: Arrow refused it without releasing its body (a fuzz
     * finding, kept in the fuzz test's inputs); the batch guard now refuses it first and releases the body itself.
     */
    @Test
    void dictionaryBatchForAnUndeclaredIdIsRefusedAndReleased() throws IOException {
        byte[] body = fuzzInput("readsStreamOrRejects/crash-700ef7aaf47723cf8937d53f1ac1fda87d8afc1b");

        assertThatThrownBy(() -> reader.readStream(new ByteArrayInputStream(body)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Arrow payload could not be read: a dictionary batch has id 1, which no column of the "
                        + "schema uses")
                .satisfies(rejection -> assertThat(rejection.getSuppressed()).isEmpty());
    }

    /**
     * A 648-byte file whose second dictionary batch has no field nodes: Arrow's error message printed the
     * dictionary loaded before it, reading text through forged offsets into a 1.6 GB array (12 s). Refused on the
     * node count before Arrow loads anything.
     */
    @Test
    void batchWithFewerFieldNodesThanTheSchemaIsRefused() throws IOException {
        byte[] body = fuzzInput("readsFileOrRejects/crash-b8f13b262d07c8695cf00fc8950a3a33aeb44f30");

        assertThatThrownBy(() -> reader.readFile(body))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Arrow payload could not be read: dictionary 1 holds 0 field nodes where the schema "
                        + "needs 1")
                .satisfies(rejection -> assertThat(rejection.getSuppressed()).isEmpty());
    }

    /**
     * A schema whose union column declares some two billion type ids in a 1 KB message: Arrow sizes an int array
     * by that count before reading any (an OutOfMemoryError, found by ArrowFrameReaderFuzzTest).
     */
    @Test
    void unionWithMoreTypeIdsThanItsBytesIsRefused() throws IOException {
        byte[] body = fuzzInput("readsFileOrRejects/crash-df96a544f10bc98efb26909ee892650822ca147d");

        assertThatThrownBy(() -> reader.readFile(body))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Arrow payload could not be read: a union column declares more type ids than the "
                        + "schema's bytes can hold");
    }

    private byte[] fuzzInput(String name) throws IOException {
        try (var in = getClass().getResourceAsStream("ArrowFrameReaderFuzzTestInputs/" + name)) {
            return in.readAllBytes();
        }
    }
}
