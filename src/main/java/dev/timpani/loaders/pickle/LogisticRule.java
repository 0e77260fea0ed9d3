package dev.timpani.loaders.pickle;

import java.util.Set;
import net.razorvine.pickle.objects.ClassDict;

/** Which {@link LogisticLink} a fitted {@code LogisticRegression} uses, by the version that wrote it. */
final class LogisticRule {

    private LogisticRule() {
    }

    static LogisticLink of(ClassDict estimator, int classes, SkLearnVersion version) {
        Object multiClass = estimator.get("multi_class");
        if (!estimator.containsKey("multi_class")) {
            // 1.8+ (sklearn/linear_model/_logistic.py 1.9.1): is_binary -> _predict_proba_lr, else softmax.
            return classes <= 2 ? LogisticLink.BINARY_EXPIT : LogisticLink.SOFTMAX;
        }
        Object solver = estimator.get("solver");
        // 1.2.1: auto is ovr with liblinear or newton-cholesky; 1.6.1: with liblinear only ("deprecated" = auto).
        Set<Object> ovrSolvers = version.atLeast(1, 6) ? Set.of("liblinear") : Set.of("liblinear", "newton-cholesky");
        boolean ovr = "ovr".equals(multiClass) || "warn".equals(multiClass)
                || ("auto".equals(multiClass) || "deprecated".equals(multiClass))
                && (classes <= 2 || ovrSolvers.contains(solver));
        if (ovr) {
            boolean guardsZeroSum = version.atLeast(1, 8);
            return classes <= 2 ? LogisticLink.BINARY_EXPIT
                    : guardsZeroSum ? LogisticLink.OVR_UNIFORM_ON_ZERO : LogisticLink.OVR;
        }
        return classes <= 2 ? LogisticLink.BINARY_SOFTMAX : LogisticLink.SOFTMAX;
    }
}
