package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining requests' frames into one and cutting rows back out: what micro-batching relies on. */
class FrameTest {

    @Test
    void concatPutsEachFramesRowsAfterThePreviousOnes() {
        Frame first = frame(new double[] {1, 2}, new String[] {"a", null});
        Frame second = frame(new double[] {3}, new String[] {"c"});
        Frame third = frame(new double[] {Double.NaN, 5, 6}, new String[] {"d", "e", "f"});

        Frame joined = Frame.concat(List.of(first, second, third));

        assertThat(joined.rowCount()).isEqualTo(6);
        assertThat(joined.columnNames()).containsExactly("x", "label");
        assertThat(((NumericColumn) joined.column(0)).values()).containsExactly(1, 2, 3, Double.NaN, 5, 6);
        assertThat(((TextColumn) joined.column(1)).values()).containsExactly("a", null, "c", "d", "e", "f");
    }

    @Test
    void concatOfOneFrameIsThatFrame() {
        Frame only = frame(new double[] {1}, new String[] {"a"});

        assertThat(Frame.concat(List.of(only))).isSameAs(only);
    }

    @Test
    void concatKeepsEmptyFramesHarmless() {
        Frame empty = frame(new double[0], new String[0]);
        Frame one = frame(new double[] {7}, new String[] {"g"});

        Frame joined = Frame.concat(List.of(empty, one, empty));

        assertThat(joined.rowCount()).isEqualTo(1);
        assertThat(((NumericColumn) joined.column(0)).values()).containsExactly(7);
    }

    @Test
    void rowsCopiesARangeOfEveryColumn() {
        Frame frame = frame(new double[] {1, 2, 3, 4}, new String[] {"a", "b", null, "d"});

        Frame middle = frame.rows(1, 3);

        assertThat(middle.rowCount()).isEqualTo(2);
        assertThat(middle.columnNames()).isEqualTo(frame.columnNames());
        assertThat(((NumericColumn) middle.column(0)).values()).containsExactly(2, 3);
        assertThat(((TextColumn) middle.column(1)).values()).containsExactly("b", null);
        assertThat(frame.rows(4, 4).rowCount()).isZero();
    }

    @Test
    void rowsOutsideTheFrameAreRefused() {
        Frame frame = frame(new double[] {1, 2}, new String[] {"a", "b"});

        assertThatThrownBy(() -> frame.rows(1, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("rows 1 to 3 of a frame of 2");
    }

    @Test
    void framesJoinOnlyWithTheSameNamesInTheSameOrderAndKinds() {
        Frame frame = frame(new double[] {1}, new String[] {"a"});
        Frame sameShape = frame(new double[] {2, 3}, new String[] {"b", "c"});
        Frame textWhereANumberWas = new Frame(List.of("x", "label"),
                List.of(new TextColumn(new String[] {"abc"}), new TextColumn(new String[] {"a"})), 1);
        Frame otherOrder = new Frame(List.of("label", "x"),
                List.of(new TextColumn(new String[] {"a"}), new NumericColumn(new double[] {1})), 1);
        Frame fewerColumns = new Frame(List.of("x"), List.of(new NumericColumn(new double[] {1})), 1);

        assertThat(frame.sameColumnsAs(sameShape)).isTrue();
        assertThat(frame.sameColumnsAs(textWhereANumberWas)).isFalse();
        assertThat(frame.sameColumnsAs(otherOrder)).isFalse();
        assertThat(frame.sameColumnsAs(fewerColumns)).isFalse();
        assertThatThrownBy(() -> Frame.concat(List.of(frame, textWhereANumberWas)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frames of different columns cannot be joined: [x: NumericColumn, label: TextColumn] and "
                        + "[x: TextColumn, label: TextColumn]");
    }

    @Test
    void concatThenRowsGivesEachFrameBack() {
        Frame first = frame(new double[] {1, 2}, new String[] {"a", "b"});
        Frame second = frame(new double[] {3, 4, 5}, new String[] {"c", null, "e"});

        Frame joined = Frame.concat(List.of(first, second));

        assertThat(joined.rows(0, 2)).usingRecursiveComparison().isEqualTo(first);
        assertThat(joined.rows(2, 5)).usingRecursiveComparison().isEqualTo(second);
    }

    private static Frame frame(double[] numbers, String[] labels) {
        return new Frame(List.of("x", "label"), List.of(new NumericColumn(numbers), new TextColumn(labels)),
                numbers.length);
    }
}
