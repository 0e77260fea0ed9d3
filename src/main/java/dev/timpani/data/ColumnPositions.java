package dev.timpani.data;

import java.util.List;
import java.util.Map;

/**
 * Where each of a fixed list of names sits in a request's header (-1 when absent). Clients usually send the same
 * header on every request, so the last answer is kept and reused while the header is unchanged.
 */
public final class ColumnPositions {

    private record Resolved(List<String> header, int[] positions) {
    }

    private final List<String> names;
    private volatile Resolved last;

    public ColumnPositions(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** The positions, in the order of the names given at construction; callers must not modify the array. */
    public int[] in(Frame frame) {
        Resolved resolved = last;
        List<String> header = frame.columnNames();
        if (resolved != null && (resolved.header() == header || resolved.header().equals(header))) {
            return resolved.positions();
        }
        Map<String, Integer> indexByName = frame.indexByName();
        int[] positions = new int[names.size()];
        boolean anyFound = names.isEmpty();
        for (int i = 0; i < positions.length; i++) {
            positions[i] = indexByName.getOrDefault(names.get(i), -1);
            anyFound |= positions[i] >= 0;
        }
        if (!anyFound) {
            // R-IN-9 makes an absent feature a missing value; with every feature absent the request is simply
            // not for this model (e.g. unnamed sparse columns), and all-missing answers would hide that.
            throw new BadInputException("None of the model's " + names.size() + " features is a column of the request."
                    + " Expected columns such as " + sample() + "; got " + sampleOf(header));
        }
        last = new Resolved(header, positions);
        return positions;
    }

    private String sample() {
        return sampleOf(names);
    }

    private static String sampleOf(List<String> values) {
        StringBuilder text = new StringBuilder();
        int shown = Math.min(values.size(), 3);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "'" : ", '").append(values.get(i)).append('\'');
        }
        if (values.size() > shown) {
            text.append(", ...");
        }
        return values.isEmpty() ? "no columns" : text.toString();
    }
}
