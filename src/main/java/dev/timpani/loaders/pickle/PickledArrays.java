package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.util.ArrayList;
import java.util.List;
import net.razorvine.pickle.objects.ClassDict;
import org.jpmml.python.HasArray;

/**
 * Fitted attributes as the compiled evaluators hold them: NumPy arrays and scalars, Python lists and tuples, read
 * once at load. An attribute of an unexpected shape declines the model (the workers serve it), never a guess.
 */
final class PickledArrays {

    private PickledArrays() {
    }

    /** A float64 vector, or a NumPy / Python scalar as a vector of one. */
    static double[] doubles(ClassDict owner, String attribute) {
        Object value = owner.get(attribute);
        List<?> items = items(value);
        if (items == null) {
            throw declined(owner, attribute, value);
        }
        double[] numbers = new double[items.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(items.get(i) instanceof Number number)) {
                throw declined(owner, attribute, value);
            }
            numbers[i] = number.doubleValue();
        }
        return numbers;
    }

    /** The shape of a NumPy array attribute ({@code [n]} for a scalar or a list). */
    static int[] shape(ClassDict owner, String attribute) {
        Object value = owner.get(attribute);
        if (value instanceof HasArray array) {
            return array.getArrayShape();
        }
        List<?> items = items(value);
        if (items == null) {
            throw declined(owner, attribute, value);
        }
        return new int[] {items.size()};
    }

    /** A Python list / tuple, or a NumPy array's cells, as Java objects; null when the value is neither. */
    static List<?> items(Object value) {
        if (value instanceof HasArray array) {
            return array.getArrayContent();
        }
        if (value instanceof Number number) {
            return List.of(number);
        }
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Object[] tuple) {
            return List.of(tuple);
        }
        return null;
    }

    /** A list attribute, every member present ({@code None} members come back as null). */
    static List<Object> list(ClassDict owner, String attribute) {
        Object value = owner.get(attribute);
        List<?> items = items(value);
        if (items == null) {
            throw declined(owner, attribute, value);
        }
        return new ArrayList<>(items);
    }

    static ModelDeclinedException declined(ClassDict owner, String attribute, Object value) {
        String name = owner.getClassName();
        return new ModelDeclinedException(name.substring(name.lastIndexOf('.') + 1) + "." + attribute + " is "
                + (value == null ? "missing" : "a " + Unpickled.classNameOf(value))
                + ", which the compiled evaluator does not read");
    }
}
