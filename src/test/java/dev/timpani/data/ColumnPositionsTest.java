package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** R-IN-9: features found by name, extra columns ignored, absent ones reported as -1. */
class ColumnPositionsTest {

    private final ColumnPositions positions = new ColumnPositions(List.of("b", "a", "z"));

    @Test
    void findsFeaturesByNameIgnoringExtraColumns() {
        assertThat(positions.in(frame("a", "x", "b"))).containsExactly(2, 0, -1);
    }

    @Test
    void reusesTheAnswerForTheSameHeaderAndRecomputesForAnother() {
        int[] first = positions.in(frame("a", "b"));

        assertThat(positions.in(frame("a", "b"))).isSameAs(first);
        assertThat(positions.in(frame("b"))).containsExactly(0, -1, -1);
    }

    @Test
    void rejectsARequestWithNoneOfTheFeatures() {
        assertThatThrownBy(() -> positions.in(frame("0", "1", "2", "3")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("None of the model's 3 features is a column of the request. Expected columns such as "
                        + "'b', 'a', 'z'; got '0', '1', '2', ...");
    }

    private static Frame frame(String... names) {
        List<Column> columns = java.util.Arrays.stream(names).map(n -> (Column) new NumericColumn(new double[1]))
                .toList();
        return new Frame(List.of(names), columns, 1);
    }
}
