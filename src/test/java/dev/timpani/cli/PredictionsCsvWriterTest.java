package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.model.Predictions;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code score}'s csv (R-CLI-1) for text predictions (R-OUT-5), as pandas' {@code to_csv(index=False)} writes it. */
class PredictionsCsvWriterTest {

    @Test
    void writesTextsQuotedAsPandasDoes() throws IOException {
        StringWriter out = new StringWriter();
        PredictionsCsvWriter writer = new PredictionsCsvWriter(out);

        // pandas 1.5 / Python 3.11 wrote the same for these (a lone \r aside, which Python leaves bare).
        writer.write(texts("POINT (1 2)", null, "", "a,b", "q\"x", "l1\nl2", " sp ", "é✓", "x'y", "tab\tx"));
        writer.write(texts("cr\rx", "next chunk"));

        assertThat(out.toString()).isEqualTo("Predictions\nPOINT (1 2)\n\"\"\n\"\"\n\"a,b\"\n\"q\"\"x\"\n\"l1\nl2\"\n"
                + " sp \né✓\nx'y\ntab\tx\n\"cr\rx\"\nnext chunk\n");
    }

    private static Predictions.Texts texts(String... values) {
        return new Predictions.Texts(values, Optional.empty());
    }
}
