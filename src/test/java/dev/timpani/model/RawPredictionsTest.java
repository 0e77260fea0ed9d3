package dev.timpani.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cutting one request's rows back out of a batch's predictions. */
class RawPredictionsTest {

    @Test
    void rowsCutsEveryColumnAndKeepsTheLabels() {
        RawPredictions raw = RawPredictions.labelled(new double[][] {{0.1, 0.2, 0.3}, {0.9, 0.8, 0.7}},
                List.of("no", "yes"));

        RawPredictions tail = raw.rows(1, 3);

        assertThat(tail.columns()).isDeepEqualTo(new double[][] {{0.2, 0.3}, {0.8, 0.7}});
        assertThat(tail.columnLabels()).contains(List.of("no", "yes"));
        assertThat(tail.extraOutput()).isEmpty();
        assertThat(raw.rows(3, 3).rowCount()).isZero();
    }

    @Test
    void rowsCutsTheExtraOutputAlongWithThePredictions() {
        Frame extra = new Frame(List.of("why"), List.of(new TextColumn(new String[] {"a", "b", "c"})), 3);
        RawPredictions raw = new RawPredictions(new double[][] {{1, 2, 3}}, Optional.empty(), Optional.of(extra));

        RawPredictions head = raw.rows(0, 2);

        assertThat(head.columns()).isDeepEqualTo(new double[][] {{1, 2}});
        assertThat(((TextColumn) head.extraOutput().orElseThrow().column(0)).values()).containsExactly("a", "b");
    }

    @Test
    void rowsPastTheEndAreRefusedRatherThanPadded() {
        RawPredictions raw = RawPredictions.positional(new double[][] {{1, 2}});

        assertThatThrownBy(() -> raw.rows(1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void hasRowsOnlyWhenEveryColumnAndTheExtraOutputHaveThem() {
        Frame twoRows = new Frame(List.of("x"), List.of(new NumericColumn(new double[2])), 2);

        assertThat(RawPredictions.positional(new double[][] {{1, 2}, {3, 4}}).hasRows(2)).isTrue();
        assertThat(RawPredictions.positional(new double[][] {{1, 2}, {3}}).hasRows(2)).isFalse();
        assertThat(RawPredictions.positional(new double[][] {{1, 2, 3}}).hasRows(2)).isFalse();
        assertThat(RawPredictions.positional(new double[0][]).hasRows(0)).isFalse();
        assertThat(new RawPredictions(new double[][] {{1, 2, 3}}, Optional.empty(), Optional.of(twoRows)).hasRows(3))
                .isFalse();
    }

    @Test
    void textPredictionsAreCutAndCountedLikeNumbers() {
        RawPredictions raw = RawPredictions.texts(new String[][] {{"POINT (1 2)", null, "é"}}, Optional.empty(),
                Optional.empty());

        RawPredictions tail = raw.rows(1, 3);

        assertThat(raw.isText()).isTrue();
        assertThat(raw.columnCount()).isEqualTo(1);
        assertThat(raw.hasRows(3)).isTrue();
        assertThat(raw.hasRows(2)).isFalse();
        assertThat(tail.texts()).isDeepEqualTo(new String[][] {{null, "é"}});
        assertThat(tail.columns()).isEmpty();
        assertThat(tail.isText()).isTrue();
        assertThatThrownBy(() -> raw.rows(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void predictionsAreNumbersOrTextsNeverBoth() {
        assertThatThrownBy(() -> new RawPredictions(new double[][] {{1}}, new String[][] {{"a"}}, Optional.empty(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
