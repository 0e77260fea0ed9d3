package dev.timpani.loaders.djl;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.RawPredictions;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which graph output holds the predictions, and how it becomes columns. Chosen once per model, by type, not by name:
 * <ul>
 *   <li>a sequence of maps (sklearn-onnx's ZipMap, {@code output_probability}) is the class probabilities, one
 *       column per key, labelled by the key (R-OUT-11 maps them to the requested labels);</li>
 *   <li>otherwise the first floating-point tensor: {@code [rows]} / {@code [rows, 1]} is the regression value or
 *       P(positive), {@code [rows, k]} is k probabilities in label order. A classifier's integer or string
 *       {@code label} output is skipped this way.</li>
 * </ul>
 */
sealed interface OnnxOutput {

    String name();

    RawPredictions read(OrtSession.Result result, int rows) throws OrtException;

    static OnnxOutput choose(String file, Map<String, NodeInfo> outputs) {
        for (NodeInfo node : outputs.values()) {
            if (node.getInfo() instanceof SequenceInfo sequence && sequence.isSequenceOfMaps()) {
                return new ProbabilityMaps(node.getName());
            }
        }
        for (NodeInfo node : outputs.values()) {
            if (node.getInfo() instanceof TensorInfo tensor
                    && (tensor.type == OnnxJavaType.FLOAT || tensor.type == OnnxJavaType.DOUBLE)) {
                return new Tensor(node.getName());
            }
        }
        throw new ModelLoadException("ONNX model " + file + " has no floating-point or probability-map output: "
                + outputs.values());
    }

    /** A numeric tensor, read positionally. */
    record Tensor(String name) implements OnnxOutput {

        @Override
        public RawPredictions read(OrtSession.Result result, int rows) throws OrtException {
            OnnxValue value = result.get(name).orElseThrow();
            if (!(value instanceof OnnxTensor tensor)) {
                throw new ModelFailedException("ONNX output '" + name + "' is not a tensor: " + value.getInfo());
            }
            return RawPredictions.positional(OutputColumns.fromTensor(values(tensor), tensor.getInfo().getShape(), rows));
        }

        private static double[] values(OnnxTensor tensor) {
            if (tensor.getInfo().type == OnnxJavaType.DOUBLE) {
                DoubleBuffer buffer = tensor.getDoubleBuffer();
                double[] values = new double[buffer.remaining()];
                buffer.get(values);
                return values;
            }
            FloatBuffer buffer = tensor.getFloatBuffer();
            double[] values = new double[buffer.remaining()];
            for (int i = 0; i < values.length; i++) {
                values[i] = buffer.get(i);
            }
            return values;
        }
    }

    /** One map per row from class label (int64 or string) to probability. */
    record ProbabilityMaps(String name) implements OnnxOutput {

        @Override
        public RawPredictions read(OrtSession.Result result, int rows) throws OrtException {
            OnnxValue value = result.get(name).orElseThrow();
            if (!(value instanceof OnnxSequence sequence)) {
                throw new ModelFailedException("ONNX output '" + name + "' is not a sequence: " + value.getInfo());
            }
            // The sequence hands out maps that must be closed on their own.
            List<? extends OnnxValue> maps = sequence.getValue();
            try {
                if (maps.size() != rows) {
                    throw new ModelFailedException("The model returned " + maps.size() + " predictions for " + rows
                            + " input rows");
                }
                return columns(maps, rows);
            } finally {
                OnnxValue.close(maps);
            }
        }

        private static RawPredictions columns(List<? extends OnnxValue> maps, int rows) throws OrtException {
            // Keys in their natural order (numbers or text): ONNX Runtime returns each map as a HashMap.
            TreeMap<Object, Object> first = new TreeMap<>(((OnnxMap) maps.get(0)).getValue());
            List<Object> keys = new ArrayList<>(first.keySet());
            double[][] columns = new double[keys.size()][rows];
            for (int row = 0; row < rows; row++) {
                Map<?, ?> probabilities = ((OnnxMap) maps.get(row)).getValue();
                for (int c = 0; c < keys.size(); c++) {
                    Object p = probabilities.get(keys.get(c));
                    columns[c][row] = p instanceof Number number ? number.doubleValue() : Double.NaN;
                }
            }
            List<String> labels = new ArrayList<>(keys.size());
            keys.forEach(key -> labels.add(String.valueOf(key)));
            return RawPredictions.labelled(columns, labels);
        }
    }
}
