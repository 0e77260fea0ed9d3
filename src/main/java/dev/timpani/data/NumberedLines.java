package dev.timpani.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The lines of a MatrixMarket body, counted so that every complaint names its line. */
final class NumberedLines {

    private static final String[] NO_TOKENS = new String[0];

    private final BufferedReader reader;
    private long number;

    NumberedLines(BufferedReader reader) {
        this.reader = reader;
    }

    String nextLine() throws IOException {
        String line = reader.readLine();
        number++;
        return line;
    }

    /** The whitespace-separated tokens of the next line that is neither blank nor a {@code %} comment. */
    String[] nextContentLine() throws IOException {
        for (String line = nextLine(); line != null; line = nextLine()) {
            String[] tokens = tokens(line);
            if (tokens.length > 0 && !tokens[0].startsWith("%")) {
                return tokens;
            }
        }
        return null;
    }

    BadInputException error(String problem) {
        return new BadInputException("MatrixMarket line " + number + ": " + problem);
    }

    int count(String token, String what) {
        try {
            int value = Integer.parseInt(token);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException notACount) {
            // reported below
        }
        throw error("the " + what + " must be a whole number of at least 0, not \"" + token + "\"");
    }

    /** A 1-based MatrixMarket index turned 0-based. */
    int index(String token, int limit, String what) {
        try {
            int value = Integer.parseInt(token);
            if (value >= 1 && value <= limit) {
                return value - 1;
            }
        } catch (NumberFormatException notAnIndex) {
            // reported below
        }
        throw error("the " + what + " index must be between 1 and " + limit + ", not \"" + token + "\"");
    }

    double value(String token) {
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException notANumber) {
            throw error("the value must be a number, not \"" + token + "\"");
        }
    }

    /** Splits on spaces and tabs without a regular expression. */
    static String[] tokens(String line) {
        List<String> tokens = null;
        int length = line.length();
        int i = 0;
        while (i < length) {
            while (i < length && isSeparator(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !isSeparator(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (tokens == null) {
                    tokens = new ArrayList<>(3);
                }
                tokens.add(line.substring(start, i));
            }
        }
        return tokens == null ? NO_TOKENS : tokens.toArray(NO_TOKENS);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }
}
