package dev.timpani.loaders;

import dev.timpani.testing.CorpusCase;

import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadContext;
import dev.timpani.model.TargetType;
import java.util.Optional;

/** What the registry would hand a loader for a corpus case. */
public final class LoaderTestSupport {

    private LoaderTestSupport() {
    }

    public static LoadContext contextFor(CorpusCase corpusCase) {
        Optional<ClassLabels> labels = corpusCase.labels().isEmpty()
                ? Optional.empty()
                : Optional.of(new ClassLabels(corpusCase.labels()));
        return new LoadContext(corpusCase.modelDir(), TargetType.parse(corpusCase.targetType()), labels, 1);
    }
}
