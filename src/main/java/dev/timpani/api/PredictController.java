package dev.timpani.api;

import dev.timpani.data.Frame;
import dev.timpani.data.PredictionsJsonWriter;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.Predictions;
import dev.timpani.model.Scorer;
import dev.timpani.model.TargetType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;

/** R-ROUTE-6: structured scoring; and the routes of other target types, which point here or away. */
@DrumApi
class PredictController {

    private final ModelRegistry registry;
    private final Scorer scorer;
    private final FramePayloadReader payloads;
    private final PredictionsJsonWriter writer = new PredictionsJsonWriter();

    PredictController(ModelRegistry registry, Scorer scorer, FramePayloadReader payloads) {
        this.registry = registry;
        this.scorer = scorer;
        this.payloads = payloads;
    }

    @PostMapping({"/predict", "/predict/", "/predictions", "/predictions/", "/invocations", "/invocations/"})
    void predict(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LoadedModel model = registry.require();
        switch (model.targetType()) {
            case UNSTRUCTURED -> throw wrongRoute(model.targetType(), "/predictUnstructured/");
            case TRANSFORM -> throw wrongRoute(model.targetType(), "/transform/");
            default -> { }
        }
        Frame frame = payloads.read(request);
        Predictions predictions = scorer.score(frame);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        OutputStream out = response.getOutputStream();
        if (predictions instanceof Predictions.Probabilities probabilities) {
            writer.writeProbabilities(out, probabilities.labels().labels(), probabilities.byLabel(),
                    probabilities.extraOutput().orElse(null));
        } else {
            Predictions.Numbers numbers = (Predictions.Numbers) predictions;
            writer.writeNumbers(out, numbers.values(), numbers.extraOutput().orElse(null));
        }
    }

    /** R-ROUTE-7: a structured model answers the transform route with DRUM's pointer to /predict/. */
    @PostMapping({"/transform", "/transform/"})
    void transform() {
        LoadedModel model = registry.require();
        throw wrongRoute(model.targetType(), model.targetType() == TargetType.UNSTRUCTURED
                ? "/predictUnstructured/" : "/predict/");
    }

    @PostMapping({"/predictUnstructured", "/predictUnstructured/", "/predictionsUnstructured",
            "/predictionsUnstructured/"})
    void predictUnstructured() {
        LoadedModel model = registry.require();
        throw wrongRoute(model.targetType(), model.targetType() == TargetType.TRANSFORM ? "/transform/" : "/predict/");
    }

    private static WrongRouteException wrongRoute(TargetType targetType, String route) {
        return new WrongRouteException("This model has target type " + targetType.drumName() + ", use the "
                + route + " endpoint.");
    }
}
