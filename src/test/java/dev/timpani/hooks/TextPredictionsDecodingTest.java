package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.model.ModelFailedException;
import dev.timpani.model.RawPredictions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A worker's text answer (R-OUT-5, PROTOCOL.md): JSON columns of strings or nulls, checked against rows x cols. */
class TextPredictionsDecodingTest {

    @Test
    void readsColumnsOfStringsAndNulls() {
        RawPredictions raw = decode("{\"status\":\"ok\",\"rows\":3,\"cols\":1,\"text\":true,\"labels\":[\"Predictions\"],"
                + "\"input_rows\":3,\"extra\":null}", "[[\"POINT (1 2)\",null,\"\\\"q\\\"\\n\u2713\"]]");

        assertThat(raw.isText()).isTrue();
        assertThat(raw.texts()).isDeepEqualTo(new String[][] {{"POINT (1 2)", null, "\"q\"\n\u2713"}});
        assertThat(raw.columnLabels()).hasValueSatisfying(labels -> assertThat(labels).containsExactly("Predictions"));
    }

    @Test
    void readsEveryColumnSoTheContractCanCountThem() {
        RawPredictions raw = decode("{\"status\":\"ok\",\"rows\":1,\"cols\":2,\"text\":true}", "[[\"a\"],[\"b\"]]");

        assertThat(raw.columnCount()).isEqualTo(2);
    }

    @Test
    void refusesABodyThatDoesNotMatchItsShape() {
        String meta = "{\"status\":\"ok\",\"rows\":2,\"cols\":1,\"text\":true}";

        assertThatThrownBy(() -> decode(meta, "[[\"a\"]]")).isInstanceOf(ModelFailedException.class)
                .hasMessageStartingWith("The worker sent text predictions that are not 2 x 1 strings: ");
        assertThatThrownBy(() -> decode(meta, "[[\"a\",1.5]]")).isInstanceOf(ModelFailedException.class)
                .hasMessageContaining("column 0 row 1 is VALUE_NUMBER_FLOAT, not a string or null");
        assertThatThrownBy(() -> decode(meta, "[[\"a\",\"b\"]] extra")).isInstanceOf(ModelFailedException.class);
        assertThatThrownBy(() -> decode(meta, "[[\"a\",\"b")).isInstanceOf(ModelFailedException.class);
    }

    @Test
    void numbersStillTravelAsFloat64() {
        byte[] body = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(2.5).array();
        RawPredictions raw = HookModel.decodePredictions(new Wire.Message(
                Wire.JSON.readTree("{\"status\":\"ok\",\"rows\":1,\"cols\":1}"), body)).predictions();

        assertThat(raw.isText()).isFalse();
        assertThat(raw.columns()).isDeepEqualTo(new double[][] {{2.5}});
    }

    private static RawPredictions decode(String meta, String body) {
        return HookModel.decodePredictions(new Wire.Message(Wire.JSON.readTree(meta),
                body.getBytes(StandardCharsets.UTF_8))).predictions();
    }
}
