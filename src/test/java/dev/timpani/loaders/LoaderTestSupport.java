package dev.timpani.loaders;

import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadContext;
import dev.timpani.model.TargetType;
import java.util.Optional;

/** What the registry would hand a loader for a corpus case. */
public final class LoaderTestSupport {

    private LoaderTestSupport() {
    }

    public static LoadContext contextFor(CorpusCase corpusCase) {
        Optional<ClassLabels> labels = corpusCase.classLabels().isEmpty()
                ? Optional.empty()
                : Optional.of(new ClassLabels(corpusCase.classLabels()));
        return new LoadContext(corpusCase.dir().resolve("model"), TargetType.parse(corpusCase.targetType()), labels, 1);
    }
}
