package dev.timpani.loaders.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadContext;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sklearn-onnx classifiers answer with a ZipMap (a sequence of label -> probability maps) next to tensors. The corpus
 * has no such model, so this test writes the smallest one by hand: X[N, 2] -> Softmax -> probabilities (a float
 * tensor output, listed first) -> ZipMap with labels ["yes", "no"] -> output_probability.
 */
class ZipMapOutputTest {

    @Test
    void zipMapIsPreferredAndItsKeysLabelTheColumns(@TempDir Path dir) throws Exception {
        Path artifact = Files.write(dir.resolve("model.onnx"), zipMapModel());
        LoadContext context = new LoadContext(dir, TargetType.BINARY, Optional.of(ClassLabels.binary("no", "yes")), 1);
        Frame frame = new Frame(List.of("a", "b"),
                List.of(new NumericColumn(new double[] {0, 2}), new NumericColumn(new double[] {1, 0})), 2);

        try (ScoringModel model = new OnnxLoader().load(artifact, context)) {
            model.warmUp();
            RawPredictions predictions = model.predict(frame);

            // Keys in natural order; ZipMap's "yes" is softmax column 0, "no" column 1.
            assertThat(predictions.columnLabels()).contains(List.of("no", "yes"));
            double e = Math.exp(1);
            double[][] columns = predictions.columns();
            assertThat(columns[1][0]).isCloseTo(1 / (1 + e), offset(1e-6));
            assertThat(columns[0][0]).isCloseTo(e / (1 + e), offset(1e-6));
            assertThat(columns[1][1]).isCloseTo(e * e / (1 + e * e), offset(1e-6));
            assertThat(columns[0][1]).isCloseTo(1 / (1 + e * e), offset(1e-6));
        }
    }

    private static byte[] zipMapModel() {
        Proto softmax = new Proto().string(1, "X").string(2, "probabilities").string(4, "Softmax");
        Proto zipMap = new Proto().string(1, "probabilities").string(2, "output_probability").string(4, "ZipMap")
                .string(7, "ai.onnx.ml")
                .message(5, new Proto().string(1, "classlabels_strings").varint(20, 8)
                        .string(9, "yes").string(9, "no"));
        Proto floatMatrix = new Proto().message(1, new Proto().varint(1, 1)
                .message(2, new Proto().message(1, new Proto().string(2, "N")).message(1, new Proto().varint(1, 2))));
        Proto probabilityMaps = new Proto().message(4, new Proto().message(1, new Proto().message(5,
                new Proto().varint(1, 8).message(2, new Proto().message(1, new Proto().varint(1, 1))))));
        Proto graph = new Proto().message(1, softmax).message(1, zipMap).string(2, "zipmap")
                .message(11, new Proto().string(1, "X").message(2, floatMatrix))
                .message(12, new Proto().string(1, "probabilities").message(2, floatMatrix))
                .message(12, new Proto().string(1, "output_probability").message(2, probabilityMaps));
        return new Proto().varint(1, 7)
                .message(8, new Proto().string(1, "").varint(2, 13))
                .message(8, new Proto().string(1, "ai.onnx.ml").varint(2, 1))
                .message(7, graph)
                .bytes();
    }

    /** Just enough protobuf wire format for an ONNX ModelProto: varints and length-delimited fields. */
    private static final class Proto {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto string(int field, String value) {
            return delimited(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return delimited(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private Proto delimited(int field, byte[] value) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
