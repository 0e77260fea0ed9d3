package dev.timpani.data;

/**
 * One record of a CSV body as FastCSV split it.
 *
 * @param number the 1-based line it starts on, for error messages
 * @param fields its fields, unquoted; an empty line holds one empty field
 * @param blank  whether pandas' {@code skip_blank_lines} would skip it: nothing but unquoted spaces and tabs
 */
record CsvLine(long number, String[] fields, boolean blank) {
}
