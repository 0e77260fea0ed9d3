package dev.timpani.loaders.djl;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.timpani.data.Frame;
import dev.timpani.model.ModelLoadException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The graph's one input and how the request becomes its tensor: float32 (DRUM's ONNX predictor casts the frame to
 * float32), or float64 for graphs exported with a double input (sklearn-onnx {@code DoubleTensorType}).
 *
 * @param anyRowCount whether the first dimension is free ({@code -1} or symbolic), so requests may be joined
 */
record OnnxInput(String name, OnnxJavaType type, RequestMatrix matrix, boolean anyRowCount) {

    static OnnxInput of(String file, Map<String, NodeInfo> inputs) {
        if (inputs.size() != 1) {
            throw new ModelLoadException("ONNX model " + file + " has " + inputs.size() + " inputs " + inputs.keySet()
                    + "; Timpani feeds the request to a single input as one [rows, columns] matrix");
        }
        NodeInfo node = inputs.values().iterator().next();
        if (!(node.getInfo() instanceof TensorInfo tensor)
                || (tensor.type != OnnxJavaType.FLOAT && tensor.type != OnnxJavaType.DOUBLE)) {
            throw new ModelLoadException("ONNX model " + file + " takes " + node.getInfo() + " as input '"
                    + node.getName() + "'; Timpani feeds a float32 or float64 [rows, columns] tensor");
        }
        long[] shape = tensor.getShape();
        // A fixed second dimension is the feature count; -1 (or a symbolic name) leaves it to the request.
        RequestMatrix matrix = shape.length == 2 && shape[1] > 0
                ? RequestMatrix.ofWidth(Math.toIntExact(shape[1]))
                : RequestMatrix.anyWidth();
        // A graph exported for a fixed batch size (say [1, 4]) can only score requests of that many rows.
        boolean anyRowCount = shape.length > 0 && shape[0] <= 0;
        return new OnnxInput(node.getName(), tensor.type, matrix, anyRowCount);
    }

    /** The graph's one input: a {@code [rows, width]} matrix taken by position. */
    dev.timpani.model.InputSchema schema() {
        return new dev.timpani.model.InputSchema.Matrix(name, type == OnnxJavaType.DOUBLE
                ? dev.timpani.model.InputSchema.ValueType.FLOAT64 : dev.timpani.model.InputSchema.ValueType.FLOAT32,
                matrix.expectedColumns());
    }

    OnnxTensor tensor(OrtEnvironment environment, Frame frame) throws OrtException {
        long[] shape = {frame.rowCount(), frame.columnCount()};
        return type == OnnxJavaType.DOUBLE
                ? OnnxTensor.createTensor(environment, DoubleBuffer.wrap(matrix.doubles(frame)), shape)
                : OnnxTensor.createTensor(environment, FloatBuffer.wrap(matrix.floats(frame)), shape);
    }
}
