package dev.timpani.hooks;

import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Serves a model folder with hook workers of one language. Python: a {@code custom.py} (which wins over any
 * artifact, R-HOOK-1), or a lone Python artifact ({@code .pkl}, {@code .joblib}, {@code .pth}, {@code .h5}; an
 * {@code .onnx} beside a {@code custom.py}, with {@code onnxruntime})
 * scored by DRUM's built-in predictors in the worker (R-HOOK-3). R (R-HOOK-9): a {@code custom.R}, or a lone
 * {@code .rds} model scored with {@code predict}.
 */
public final class HooksLoader implements ModelLoader {

    private final WorkerSettings settings;
    private final WorkerLanguage language;

    /**
     * The Python and R loaders outside a Spring context (the Spark artifact), with the pool settings the server
     * reads from {@code timpani.workers.*}.
     */
    public static java.util.List<ModelLoader> standalone(String python, String rscript, int count, int queueSize,
            java.time.Duration requestTimeout, java.time.Duration startTimeout, int engineThreads) {
        WorkerSettings settings = new WorkerSettings(python, rscript, count, queueSize, requestTimeout, startTimeout,
                engineThreads, java.util.Map.of());
        return java.util.List.of(new HooksLoader(settings, WorkerLanguage.PYTHON),
                new HooksLoader(settings, WorkerLanguage.R));
    }

    HooksLoader(WorkerSettings settings, WorkerLanguage language) {
        this.settings = settings;
        this.language = language;
    }

    @Override
    public String framework() {
        return language.framework();
    }

    @Override
    public Set<String> extensions() {
        return language.extensions();
    }

    @Override
    public ScoringModel load(Path artifact, LoadContext context) {
        WorkerScripts scripts = WorkerScripts.extract(language);
        WorkerSettings withParameters = settings.withEnvironment(context.runtimeParameters().workerEnvironment());
        WorkerPool pool = new WorkerPool(withParameters, language, scripts, context.codeDir(),
                loadRequest(artifact, context));
        try {
            pool.start();
        } catch (RuntimeException e) {
            scripts.close();
            throw e;
        }
        return pool.hooks().contains(ChatHookModel.HOOK) ? new ChatHookModel(pool, scripts) : new HookModel(pool, scripts);
    }

    /** The {@code load} request every worker starts with: R-HOOK-10's kwargs come from here. */
    static Map<String, Object> loadRequest(Path artifact, LoadContext context) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("op", "load");
        meta.put("code_dir", context.codeDir().toAbsolutePath().toString());
        meta.put("artifact", artifact.toAbsolutePath().toString());
        meta.put("target_type", context.targetType().drumName());
        ClassLabels labels = context.classLabels().orElse(null);
        if (labels != null) {
            if (context.targetType() == TargetType.BINARY && labels.size() == 2) {
                meta.put("negative_class_label", labels.get(0));
                meta.put("positive_class_label", labels.get(1));
            } else {
                meta.put("class_labels", labels.labels());
            }
        }
        return meta;
    }
}
