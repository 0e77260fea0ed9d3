package dev.timpani.model;

import java.util.List;

/**
 * The class labels a classification model answers with, in output order (R-OUT-10):
 * binary is [negative, positive]; multiclass keeps the order given.
 */
public record ClassLabels(List<String> labels) {

    public ClassLabels {
        labels = List.copyOf(labels);
    }

    public static ClassLabels binary(String negative, String positive) {
        return new ClassLabels(List.of(negative, positive));
    }

    public int size() {
        return labels.size();
    }

    public String get(int index) {
        return labels.get(index);
    }

    public boolean isEmpty() {
        return labels.isEmpty();
    }
}
