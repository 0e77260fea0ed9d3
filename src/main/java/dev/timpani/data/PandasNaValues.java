package dev.timpani.data;

import java.util.Set;

/**
 * The strings pandas' {@code read_csv} reads as missing by default (R-IN-5): exact, case-sensitive matches of the
 * whole field, with no trimming. {@code ?} is never missing.
 * <ul>
 * <li>{@link #PANDAS_1}, pandas 1.5's: the version DRUM's images run and the corpus was read with. {@code None} is
 *     not among them, and it matters, since real data sets use "None" as a category models are trained on
 *     (10k_diabetes' max_glu_serum).</li>
 * <li>{@link #PANDAS_2}: pandas 2.0 added {@code None} ({@code pandas._libs.parsers.STR_NA_VALUES}, 2.0 to 3.0.6).
 *     A model that can only have been written, and can only be loaded, where pandas is 2.2 or later (a pickle of
 *     NumPy 2: {@code ScoringModel.csvNaValues}) reads its csv so.</li>
 * </ul>
 * Serializable: Spark's csv typing ({@code CsvTyping}) ships the model's set to its executors.
 */
public final class PandasNaValues implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public static final PandasNaValues PANDAS_1 = new PandasNaValues("pandas 1", Set.of(
            "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
            "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null"));
    public static final PandasNaValues PANDAS_2 = PANDAS_1.and("pandas 2", "None");

    /** Longer than any NA string, so most values are decided without hashing. */
    private static final int LONGEST_NA_STRING = 8; // "#N/A N/A"

    private final String name;
    private final Set<String> strings;

    private PandasNaValues(String name, Set<String> strings) {
        this.name = name;
        this.strings = strings;
    }

    /** These strings and {@code more}, as a later pandas reads them. */
    private PandasNaValues and(String laterName, String... more) {
        Set<String> all = new java.util.HashSet<>(strings);
        all.addAll(Set.of(more));
        return new PandasNaValues(laterName, Set.copyOf(all));
    }

    public boolean missing(String field) {
        return field.length() <= LONGEST_NA_STRING && strings.contains(field);
    }

    @Override
    public String toString() {
        return name + "'s read_csv missing values";
    }
}
