package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

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

    @Test
    void writesTextsEscapedWithNullForMissing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        writer.writeTexts(out, new String[] {"POINT (1 2)", null, "say \"hi\"\nthen\\bye\t\u0001", "Zürich ✓ 🌍", ""},
                null);

        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"predictions\":[\"POINT (1 2)\",null,"
                + "\"say \\\"hi\\\"\\nthen\\\\bye\\t\\u0001\",\"Zürich ✓ 🌍\",\"\"]}");
        assertThat(JsonMapper.builder().build().readTree(json).path("predictions").get(2)
                .asString()).isEqualTo("say \"hi\"\nthen\\bye\t\u0001");
    }

    @Test
    void writesTextsWithExtraModelOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frame extra = new Frame(List.of("distance"), List.of(new NumericColumn(new double[] {2.5})), 1);

        writer.writeTexts(out, new String[] {"POINT (1 2)"}, extra);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"predictions\":[\"POINT (1 2)\"],"
                + "\"extraModelOutput\":{\"columns\":[\"distance\"],\"index\":[0],\"data\":[[2.5]]}}");
    }
}
