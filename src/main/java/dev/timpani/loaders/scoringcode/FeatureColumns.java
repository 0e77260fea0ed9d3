package dev.timpani.loaders.scoringcode;

import com.datarobot.transform.util.InputUtils;
import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each model feature sits in a request's header (-1 when absent). DRUM hands the request's header names to
 * the API, which matches them to features after {@link InputUtils#getSanitizedColumnName} ({@code -$.{}"} and line
 * breaks become {@code _}, then trimmed); an exact name wins over a sanitized one. The last answer is kept while
 * clients keep sending the same header.
 */
final class FeatureColumns {

    private record Resolved(List<String> header, int[] positions) {
    }

    private final List<String> features;
    private volatile Resolved last;

    FeatureColumns(List<String> features) {
        this.features = List.copyOf(features);
    }

    /** The positions, in feature order; callers must not modify the array. */
    int[] in(Frame frame) {
        Resolved resolved = last;
        List<String> header = frame.columnNames();
        if (resolved != null && (resolved.header() == header || resolved.header().equals(header))) {
            return resolved.positions();
        }
        Map<String, Integer> exact = frame.indexByName();
        Map<String, Integer> sanitized = sanitizedIndex(header);
        int[] positions = new int[features.size()];
        boolean anyFound = features.isEmpty();
        for (int i = 0; i < positions.length; i++) {
            String feature = features.get(i);
            positions[i] = exact.getOrDefault(feature, sanitized.getOrDefault(feature, -1));
            anyFound |= positions[i] >= 0;
        }
        if (!anyFound) {
            // R-IN-9 makes an absent feature a missing value; with every feature absent the request is simply
            // not for this model, and all-missing answers would hide that.
            throw new BadInputException("None of the model's " + features.size() + " features is a column of the "
                    + "request. Expected columns such as " + sample(features) + "; got " + sample(header));
        }
        last = new Resolved(header, positions);
        return positions;
    }

    private static Map<String, Integer> sanitizedIndex(List<String> header) {
        Map<String, Integer> index = new HashMap<>(header.size() * 2);
        for (int i = header.size() - 1; i >= 0; i--) {
            index.put(InputUtils.getSanitizedColumnName(header.get(i)), i);
        }
        return index;
    }

    private static String sample(List<String> values) {
        if (values.isEmpty()) {
            return "no columns";
        }
        StringBuilder text = new StringBuilder();
        int shown = Math.min(values.size(), 3);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "'" : ", '").append(values.get(i)).append('\'');
        }
        return values.size() > shown ? text.append(", ...").toString() : text.toString();
    }
}
