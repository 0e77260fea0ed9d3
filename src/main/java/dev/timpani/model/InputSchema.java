package dev.timpani.model;

import java.util.List;
import java.util.OptionalInt;

/**
 * What a model says it reads, where its artifact declares it: named columns (PMML fields, H2O columns, XGBoost
 * feature names), one matrix (an ONNX graph's input), or nothing (pickles, hooks). Protocols that publish a model's
 * inputs (the Open Inference Protocol's model metadata) read it; scoring never depends on it.
 */
public sealed interface InputSchema {

    /** Named columns, in the model's order. */
    record Columns(List<Field> fields) implements InputSchema {
        public Columns {
            fields = List.copyOf(fields);
        }
    }

    /** One {@code [rows, width]} matrix whose columns are taken by position. */
    record Matrix(String name, ValueType type, OptionalInt width) implements InputSchema {
    }

    /** The artifact does not say. */
    record Undeclared() implements InputSchema {
    }

    /** One named input column. */
    record Field(String name, ValueType type) {
    }

    /** The kinds of value a model declares for an input; each maps onto a column of a {@code Frame}. */
    enum ValueType { FLOAT64, FLOAT32, INT64, BOOL, TEXT }

    static InputSchema undeclared() {
        return new Undeclared();
    }
}
