package dev.timpani.loaders.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.timpani.model.ModelFailedException;
import java.nio.FloatBuffer;

/**
 * Request matrix in, prediction columns out. The input tensor is created on the predictor context's NDManager, and
 * so is everything the module returns; DJL closes that manager when {@code predict} returns, freeing every
 * native tensor of the request.
 */
final class TensorTranslator implements NoBatchifyTranslator<TensorTranslator.Batch, double[][]> {

    /** A row-major {@code [rows, columns]} float32 matrix. */
    record Batch(float[] values, int rows, int columns) {
    }

    private static final String ROWS = "rows";

    @Override
    public NDList processInput(TranslatorContext context, Batch batch) {
        context.setAttachment(ROWS, batch.rows());
        return new NDList(context.getNDManager().create(FloatBuffer.wrap(batch.values()),
                new Shape(batch.rows(), batch.columns())));
    }

    /** The first floating-point tensor of what {@code forward} returned (a tensor, or a tuple of them). */
    @Override
    public double[][] processOutput(TranslatorContext context, NDList outputs) {
        for (NDArray output : outputs) {
            if (output.getDataType().isFloating()) {
                int rows = (Integer) context.getAttachment(ROWS);
                return OutputColumns.fromTensor(doubles(output), output.getShape().getShape(), rows);
            }
        }
        throw new ModelFailedException("The TorchScript module returned no floating-point tensor: " + outputs);
    }

    private static double[] doubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        float[] floats = array.toType(DataType.FLOAT32, false).toFloatArray();
        double[] values = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            values[i] = floats[i];
        }
        return values;
    }
}
