package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DRUM's response bodies (R-OUT-1..4, R-OUT-17). */
class PredictionsJsonWriterTest {

    private final PredictionsJsonWriter writer = new PredictionsJsonWriter();

    @Test
    void writesNumbersWithShortestFormAndNullForNaN() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        writer.writeNumbers(out, new double[] {1.5, 0.1, Double.NaN, 21.159969329833984}, null);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"predictions\":[1.5,0.1,null,21.159969329833984]}");
    }

    @Test
    void writesOneObjectPerRowInLabelOrder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        writer.writeProbabilities(out, List.of("no", "yes"), new double[][] {{0.75, 0.0}, {0.25, 1.0}}, null);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"predictions\":[{\"no\":0.75,\"yes\":0.25},{\"no\":0.0,\"yes\":1.0}]}");
    }

    @Test
    void writesExtraModelOutputInPandasSplitOrientation() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frame extra = new Frame(List.of("id", "note"),
                List.of(new NumericColumn(new double[] {7, 8}), new TextColumn(new String[] {"a", null})), 2);

        writer.writeNumbers(out, new double[] {1, 2}, extra);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"predictions\":[1.0,2.0],"
                + "\"extraModelOutput\":{\"columns\":[\"id\",\"note\"],\"index\":[0,1],"
                + "\"data\":[[7.0,\"a\"],[8.0,null]]}}");
    }
}
