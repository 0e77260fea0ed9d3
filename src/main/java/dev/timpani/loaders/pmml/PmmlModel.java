package dev.timpani.loaders.pmml;

import dev.timpani.data.BadInputException;
import dev.timpani.data.ColumnPositions;
import dev.timpani.data.Frame;
import dev.timpani.model.InputSchema;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.jpmml.evaluator.EvaluationException;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.FieldValue;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.TargetField;

/**
 * A PMML model scored row by row with JPMML-Evaluator. Evaluators are thread-safe and everything here that is
 * shared is immutable (or a volatile cache), so concurrent requests need no locking.
 */
final class PmmlModel implements ScoringModel {

    private final Evaluator evaluator;
    private final List<PmmlInput> inputs;
    private final ColumnPositions inputColumns;
    private final PmmlTarget target;
    private final InputSchema schema;

    private PmmlModel(Evaluator evaluator, List<PmmlInput> inputs, PmmlTarget target) {
        this.evaluator = evaluator;
        this.inputs = List.copyOf(inputs);
        this.inputColumns = new ColumnPositions(inputs.stream().map(PmmlInput::name).toList());
        this.target = target;
        this.schema = new InputSchema.Columns(inputs.stream()
                .map(input -> new InputSchema.Field(input.name(), input.valueType())).toList());
    }

    static PmmlModel of(Evaluator evaluator) {
        List<TargetField> targets = evaluator.getTargetFields();
        if (targets.size() != 1) {
            throw new ModelLoadException("PMML models with " + targets.size()
                    + " target fields are not supported; expected exactly one");
        }
        List<PmmlInput> inputs = new ArrayList<>();
        for (InputField field : evaluator.getInputFields()) {
            inputs.add(PmmlInput.of(field));
        }
        return new PmmlModel(evaluator, inputs, PmmlTarget.of(targets.get(0)));
    }

    @Override
    public InputSchema inputSchema() {
        return schema;
    }

    @Override
    public String predictor() {
        return "PmmlPredictor";
    }

    @Override
    public RawPredictions predict(Frame frame) {
        int[] positions = inputColumns.in(frame);
        List<IntFunction<Object>> rawValues = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            rawValues.add(inputs.get(i).rawValues(positions[i] < 0 ? null : frame.column(positions[i])));
        }
        int rows = frame.rowCount();
        Object[] targetValues = new Object[rows];
        // One argument map for the whole request: every row overwrites every key, and JPMML's results do not
        // keep a reference to the arguments once evaluate() returns.
        Map<String, FieldValue> arguments = new HashMap<>(inputs.size() * 2);
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < inputs.size(); i++) {
                PmmlInput input = inputs.get(i);
                arguments.put(input.name(), prepare(input, rawValues.get(i).apply(row), row));
            }
            targetValues[row] = evaluator.evaluate(arguments).get(target.name());
        }
        return target.decode(targetValues);
    }

    /**
     * Converts and validates one raw value here rather than inside {@code evaluate}, so a value JPMML rejects
     * can be blamed on its column and row, and a failure of the model itself cannot be mistaken for bad input.
     */
    private static FieldValue prepare(PmmlInput input, Object raw, int row) {
        try {
            return input.field().prepare(raw);
        } catch (EvaluationException | IllegalArgumentException rejected) {
            String where = "column '" + input.name() + "' ";
            String what = raw == null
                    ? "has no value in row " + (row + 1)
                    : "has an invalid value in row " + (row + 1) + " (\"" + raw + "\")";
            throw new BadInputException(where + what + ": " + rejected.getMessage(), rejected);
        }
    }

    @Override
    public void warmUp() {
        Map<String, Object> allMissing = new HashMap<>();
        for (PmmlInput input : inputs) {
            allMissing.put(input.name(), null);
        }
        try {
            evaluator.evaluate(allMissing);
        } catch (RuntimeException refused) {
            // Models that require every value refuse the all-missing row; warming up is best effort.
        }
    }
}
