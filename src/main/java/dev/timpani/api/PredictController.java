package dev.timpani.api;

import dev.timpani.data.Frame;
import dev.timpani.data.PredictionsJsonWriter;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.PayloadScoringModel;
import dev.timpani.model.Predictions;
import dev.timpani.model.Scorer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;

/** R-ROUTE-6: structured scoring; unstructured and transform models are pointed at their own routes. */
@DrumApi
class PredictController {

    private final ModelRegistry registry;
    private final Scorer scorer;
    private final FramePayloadReader payloads;
    private final ScoringDeadline deadline;
    private final PortableResponses portable;
    private final PredictionsJsonWriter writer = new PredictionsJsonWriter();

    PredictController(ModelRegistry registry, Scorer scorer, FramePayloadReader payloads, ScoringDeadline deadline,
                      PortableResponses portable) {
        this.registry = registry;
        this.portable = portable;
        this.deadline = deadline;
        this.scorer = scorer;
        this.payloads = payloads;
    }

    @PostMapping({"/predict", "/predict/", "/predictions", "/predictions/", "/invocations", "/invocations/"})
    void predict(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LoadedModel model = registry.require();
        switch (model.targetType()) {
            case UNSTRUCTURED, TRANSFORM -> throw WrongRouteException.onPredict(model.targetType());
            default -> { }
        }
        // A model that reads the bytes itself (a hook worker) gets them unparsed, under the workers' own timeout;
        // the others get a Frame, scored in-process within timpani.limits.request-timeout.
        Predictions predictions;
        if (model.model() instanceof PayloadScoringModel) {
            predictions = scorer.score(payloads.readPayload(request));
        } else {
            Frame frame = payloads.read(request, model.model().csvNaValues());
            predictions = deadline.call(() -> scorer.score(frame));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        OutputStream out = response.getOutputStream();
        if (portable.enabled()) {
            portable.write(out, model.targetType(), predictions);
            return;
        }
        if (predictions instanceof Predictions.Probabilities probabilities) {
            writer.writeProbabilities(out, probabilities.labels().labels(), probabilities.byLabel(),
                    probabilities.extraOutput().orElse(null));
        } else if (predictions instanceof Predictions.Texts texts) {
            writer.writeTexts(out, texts.values(), texts.extraOutput().orElse(null));
        } else {
            Predictions.Numbers numbers = (Predictions.Numbers) predictions;
            writer.writeNumbers(out, numbers.values(), numbers.extraOutput().orElse(null));
        }
    }
}
