package dev.timpani.data;

import java.util.Set;

/**
 * The strings pandas' {@code read_csv} reads as missing by default (R-IN-5): exact, case-sensitive matches of the
 * whole field, with no trimming. These are pandas 1.5's, the version DRUM's images run and the corpus was read
 * with: {@code None} is not among them (pandas 2.0 added it), and it matters, since real data sets use "None" as a
 * category models are trained on (10k_diabetes' max_glu_serum). {@code ?} is not missing either.
 */
public final class PandasNaValues {

    private static final Set<String> DEFAULT_NA_STRINGS = Set.of(
            "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
            "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null");

    /** Longer than any NA string, so most values are decided without hashing. */
    private static final int LONGEST_NA_STRING = 8; // "#N/A N/A"

    private PandasNaValues() {
    }

    public static boolean isMissing(String field) {
        return field.length() <= LONGEST_NA_STRING && DEFAULT_NA_STRINGS.contains(field);
    }
}
