package dev.timpani.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Column names from a CSV header line, made the way pandas makes them (R-IN-5): an empty cell becomes
 * {@code Unnamed: i} and a repeated name gets a {@code .1}, {@code .2}, ... suffix, so feature matching
 * by name (R-IN-9) sees the same names a Python model would.
 */
final class PandasColumnNames {

    private PandasColumnNames() {
    }

    static List<String> fromHeader(String[] headerCells) {
        String[] names = new String[headerCells.length];
        for (int i = 0; i < headerCells.length; i++) {
            String cell = headerCells[i];
            names[i] = cell == null || cell.isEmpty() ? "Unnamed: " + i : cell;
        }
        deduplicate(names);
        return List.of(names);
    }

    /**
     * pandas' {@code _dedup_names}: a suffix that would collide with a name the header already holds is skipped,
     * so {@code a,a,a.1} becomes {@code a,a.2,a.1}.
     */
    private static void deduplicate(String[] names) {
        List<String> current = Arrays.asList(names);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            String original = names[i];
            String name = original;
            int count = counts.getOrDefault(name, 0);
            while (count > 0) {
                counts.put(original, count + 1);
                name = original + "." + count;
                if (current.contains(name)) {
                    count++;
                } else {
                    count = counts.getOrDefault(name, 0);
                }
            }
            names[i] = name;
            counts.put(name, count + 1);
        }
    }
}
