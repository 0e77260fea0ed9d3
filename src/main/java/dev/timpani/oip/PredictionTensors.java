package dev.timpani.oip;

import dev.timpani.model.ClassLabels;
import dev.timpani.model.Predictions;
import dev.timpani.model.TargetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Predictions as output tensors. Regression and anomaly: {@code predictions} (FP64 {@code [n]}). Binary and
 * multiclass: {@code predictions} (BYTES {@code [n]}, the most probable label, the first in label order on a tie)
 * and {@code probabilities} (FP64 {@code [n, k]}, columns in the order of its {@code class_labels} parameter, a
 * JSON array as text since a V2 parameter is a scalar). Text targets: {@code predictions} (BYTES {@code [n]}).
 */
public final class PredictionTensors {

    public static final String PREDICTIONS = "predictions";
    public static final String PROBABILITIES = "probabilities";
    public static final String CLASS_LABELS = "class_labels";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PredictionTensors() {
    }

    /** The output names a model of this target type produces, in response order. */
    public static List<TensorMetadata> metadata(TargetType targetType, Optional<ClassLabels> labels) {
        if (targetType.isClassification()) {
            long k = labels.map(ClassLabels::size).orElse(-1);
            return List.of(new TensorMetadata(PREDICTIONS, Datatype.BYTES, new long[] {-1}),
                    new TensorMetadata(PROBABILITIES, Datatype.FP64, new long[] {-1, k}));
        }
        if (targetType.answersText()) {
            return List.of(new TensorMetadata(PREDICTIONS, Datatype.BYTES, new long[] {-1}));
        }
        return List.of(new TensorMetadata(PREDICTIONS, Datatype.FP64, new long[] {-1}));
    }

    /** The outputs asked for (all when none are named), in the order asked; an unknown name is a 400. */
    public static List<OutputTensor> outputs(Predictions predictions, List<RequestedOutput> requested,
                                             boolean allBinary) {
        Map<String, OutputTensor> all = all(predictions);
        if (requested.isEmpty()) {
            List<OutputTensor> outputs = new ArrayList<>(all.size());
            all.values().forEach(output -> outputs.add(output.asBinary(allBinary)));
            return outputs;
        }
        List<OutputTensor> outputs = new ArrayList<>(requested.size());
        for (RequestedOutput wanted : requested) {
            OutputTensor output = all.get(wanted.name());
            if (output == null) {
                throw OipException.badRequest("output '" + wanted.name() + "' is not produced by this model; it "
                        + "produces " + String.join(", ", all.keySet()));
            }
            outputs.add(output.asBinary(allBinary || wanted.binary()));
        }
        return outputs;
    }

    private static Map<String, OutputTensor> all(Predictions predictions) {
        Map<String, OutputTensor> outputs = new LinkedHashMap<>();
        int n = predictions.rowCount();
        if (predictions instanceof Predictions.Numbers numbers) {
            outputs.put(PREDICTIONS, new OutputTensor(PREDICTIONS, Datatype.FP64, new long[] {n}, Map.of(),
                    numbers.values(), null, false));
        } else if (predictions instanceof Predictions.Texts texts) {
            outputs.put(PREDICTIONS, new OutputTensor(PREDICTIONS, Datatype.BYTES, new long[] {n}, Map.of(), null,
                    texts.values(), false));
        } else {
            Predictions.Probabilities probabilities = (Predictions.Probabilities) predictions;
            List<String> labels = probabilities.labels().labels();
            double[][] byLabel = probabilities.byLabel();
            int k = labels.size();
            double[] rowMajor = new double[n * k];
            String[] top = new String[n];
            for (int row = 0; row < n; row++) {
                int best = 0;
                for (int c = 0; c < k; c++) {
                    double p = byLabel[c][row];
                    rowMajor[row * k + c] = p;
                    if (p > byLabel[best][row]) {
                        best = c;
                    }
                }
                top[row] = k == 0 ? null : labels.get(best);
            }
            outputs.put(PREDICTIONS, new OutputTensor(PREDICTIONS, Datatype.BYTES, new long[] {n}, Map.of(), null,
                    top, false));
            outputs.put(PROBABILITIES, new OutputTensor(PROBABILITIES, Datatype.FP64, new long[] {n, k},
                    Map.of(CLASS_LABELS, jsonArray(labels)), rowMajor, null, false));
        }
        return outputs;
    }

    private static String jsonArray(List<String> labels) {
        return JSON.writeValueAsString(labels);
    }
}
