package dev.timpani.loaders.djl;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import java.nio.file.Path;
import java.util.Set;

/**
 * Loads {@code .onnx} graphs with ONNX Runtime, started through DJL's OnnxRuntime engine (offline, natives from
 * the onnxruntime jar).
 *
 * <p>The session is created on ONNX Runtime's own API rather than DJL's {@code OrtModel}/{@code Predictor}: DJL
 * keeps the session private and turns a ZipMap output (sklearn-onnx classifiers' {@code output_probability}) into a
 * bare matrix without its keys, in hash-map order, so the columns could no longer be matched to class labels.
 * Going direct also spares a copy of every tensor through an NDManager.
 */
public final class OnnxLoader implements ModelLoader {

    @Override
    public String framework() {
        return "onnx";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("onnx");
    }

    @Override
    public ScoringModel load(Path artifact, LoadContext context) throws OrtException {
        String file = artifact.getFileName().toString();
        OrtEnvironment environment = DjlEngines.onnxRuntime();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            // Request-sized batches gain little from more threads; concurrency comes from requests.
            options.setIntraOpNumThreads(context.engineThreads());
            options.setInterOpNumThreads(context.engineThreads());
            session = open(environment, artifact, options);
            OnnxInput input = OnnxInput.of(file, session.getInputInfo());
            OnnxOutput output = OnnxOutput.choose(file, session.getOutputInfo());
            return new OnnxModel(environment, session, options, input, output, context);
        } catch (OrtException | RuntimeException failed) {
            if (session != null) {
                session.close();
            }
            options.close();
            throw failed;
        }
    }

    private static OrtSession open(OrtEnvironment environment, Path artifact, OrtSession.SessionOptions options) {
        try {
            return environment.createSession(artifact.toString(), options);
        } catch (OrtException unreadable) {
            throw new ModelLoadException("Could not load ONNX model " + artifact.getFileName() + ": "
                    + NativeMessages.firstLine(unreadable.getMessage()), unreadable);
        }
    }
}
