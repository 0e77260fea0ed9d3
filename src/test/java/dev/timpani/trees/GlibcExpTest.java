package dev.timpani.trees;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlibcExpTest {

    /** glibc's answers (Python's math.exp) on edge and random arguments: every bit must match. */
    @Test
    void matchesGlibcBitForBit() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/trees/glibc-exp.txt"));
        int compared = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(" ");
            double x = parse(cells[0]);
            double want = parse(cells[1]);
            assertThat(Double.doubleToRawLongBits(GlibcExp.exp(x))).as("exp(%s) = %s", cells[0], cells[1])
                    .isEqualTo(Double.doubleToRawLongBits(want));
            compared++;
        }
        assertThat(compared).isGreaterThan(3000);
    }

    @Test
    void differsFromJavasExpWhereGlibcDoes() {
        // Why the class exists: Math.exp and glibc disagree in the last bit on arguments like these.
        int differences = 0;
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            double x = random.nextDouble() * 80 - 40;
            if (GlibcExp.exp(x) != StrictMath.exp(x)) {
                differences++;
            }
        }
        assertThat(differences).isGreaterThan(0);
    }

    @Test
    void answersSpecialValuesAsGlibc() {
        assertThat(GlibcExp.exp(Double.NaN)).isNaN();
        assertThat(GlibcExp.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(GlibcExp.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(GlibcExp.exp(0.0)).isEqualTo(1.0);
        assertThat(GlibcExp.exp(-0.0)).isEqualTo(1.0);
    }

    private static double parse(String text) {
        return switch (text) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
