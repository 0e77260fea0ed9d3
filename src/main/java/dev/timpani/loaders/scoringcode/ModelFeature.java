package dev.timpani.loaders.scoringcode;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.NumberText;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.util.function.IntFunction;

/**
 * One input of the scoring-code model, as {@code getFeatures()} declares it, and how a request column feeds it.
 *
 * @param name      the feature's name, also its key in the row map the predictor scores
 * @param takesText whether the model declares it {@code String}; otherwise {@code Double}
 */
record ModelFeature(String name, boolean takesText) {

    private static final IntFunction<Object> ALWAYS_MISSING = row -> null;

    /**
     * The value of each row of {@code column} (null when missing, which the API turns into NaN for numbers and ""
     * for text), chosen once per request so the per-cell work is an array read. An absent column is missing in every
     * row (R-IN-9): the API requires every feature to be a key of the row map, so it cannot simply be left out.
     */
    IntFunction<Object> values(Column column, String columnName) {
        if (column == null) {
            return ALWAYS_MISSING;
        }
        if (column instanceof NumericColumn numbers) {
            return numbers.boxed(takesText);
        }
        TextColumn text = (TextColumn) column;
        String[] texts = text.values();
        if (takesText) {
            return row -> texts[row];
        }
        // The API would quietly read unparsable text as missing; a client sending words for a number should hear so.
        int bad = text.firstNonNumericRow();
        if (bad >= 0) {
            throw new BadInputException("column '" + columnName + "' is not a number in row " + (bad + 1)
                    + " (\"" + texts[bad] + "\")");
        }
        // Every present value reads as a number (e.g. "nan" or "inf" kept the column as text).
        return row -> texts[row] == null ? null : (Object) NumberText.parseOrNaN(texts[row]);
    }
}
