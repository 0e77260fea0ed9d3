package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.objects.ClassDict;

/**
 * A fitted {@code ColumnTransformer} read into a {@link ColumnTransformation} (sklearn/compose/_column_transformer.py,
 * 1.2.1 to 1.9.1): {@code transformers_} holds (name, fitted transformer or {@code drop} / {@code passthrough},
 * columns) with the remainder last; columns are names or positions among the fitted columns (1.6 gives the
 * remainder's as positions, 1.9 as names). Fitted on a DataFrame, it selects by name, so it answers extra and
 * reordered columns and refuses only missing ones ({@code columns are missing: {...}}); fitted on an array, by
 * position, refusing another width ({@code _check_n_features}).
 *
 * @param transformation what it computes
 * @param read           the request columns it reads, in order (the ones only a {@code drop} selects left out)
 * @param binding        how the request reaches them
 */
record ColumnTransformerReader(ColumnTransformation transformation, List<String> read, ColumnBinding binding) {

    static final String REMAINDER_COLUMNS = "sklearn.compose._column_transformer._RemainderColsList";

    static ColumnTransformerReader read(ClassDict transformer, List<String> fitted) {
        if (transformer.get("transformer_weights") != null) {
            throw new ModelDeclinedException("ColumnTransformer with transformer_weights is not compiled");
        }
        List<String> all = fitted != null ? fitted : FittedColumns.positional(FittedColumns.count(transformer));
        Map<String, Integer> readIndex = new LinkedHashMap<>();
        List<int[]> selections = new ArrayList<>();
        List<Preprocessing> transforms = new ArrayList<>();
        for (Object entry : PickledArrays.list(transformer, "transformers_")) {
            List<?> triple = PickledArrays.items(entry);
            if (triple == null || triple.size() != 3) {
                throw new ModelDeclinedException("ColumnTransformer.transformers_ holds a " + Unpickled.classNameOf(
                        entry) + ", which the compiled evaluator does not read");
            }
            Object fittedTransformer = triple.get(1);
            int[] positions = positions(triple.get(2), all);
            if ("drop".equals(fittedTransformer) || positions.length == 0) {
                continue;
            }
            Preprocessing transform;
            if (SkLearnPreprocessing.isIdentity(fittedTransformer)) {
                transform = NumericSteps.passthrough();
            } else if (fittedTransformer instanceof ClassDict dict && SkLearnPreprocessing.isNumeric(dict)) {
                transform = new NumericSteps(SkLearnPreprocessing.numeric(dict));
            } else if (fittedTransformer instanceof ClassDict dict
                    && dict.getClassName().equals(SkLearnPreprocessing.ONE_HOT_ENCODER)) {
                transform = SkLearnPreprocessing.oneHotEncoder(dict);
            } else if (fittedTransformer instanceof ClassDict dict && SkLearnPreprocessing.isImputedText(dict)) {
                transform = SkLearnPreprocessing.imputedText(dict);
            } else if (fittedTransformer instanceof ClassDict dict) {
                throw SkLearnPreprocessing.notCompiled(dict);
            } else {
                throw new ModelDeclinedException("ColumnTransformer transformer " + fittedTransformer
                        + " is not compiled");
            }
            int[] inputs = new int[positions.length];
            for (int i = 0; i < positions.length; i++) {
                inputs[i] = readIndex.computeIfAbsent(all.get(positions[i]), name -> readIndex.size());
            }
            selections.add(inputs);
            transforms.add(transform);
        }
        List<String> read = new ArrayList<>(readIndex.keySet());
        List<ColumnTransformation.Branch> branches = new ArrayList<>();
        for (int b = 0; b < transforms.size(); b++) {
            branches.add(new ColumnTransformation.Branch(selections.get(b), transforms.get(b)));
        }
        ColumnBinding binding = fitted != null ? new ColumnBinding.SelectedByName(read)
                : new ColumnBinding.SkLearnPositions(all, "ColumnTransformer");
        return new ColumnTransformerReader(new ColumnTransformation(branches), read, binding);
    }

    /** A column selection as positions among the fitted columns: names, positions (negative from the end). */
    private static int[] positions(Object selection, List<String> all) {
        if (selection instanceof ClassDict list && list.getClassName().equals(REMAINDER_COLUMNS)) {
            selection = list.get("data"); // a UserList: 1.5 to 1.7 keep the remainder's positions in it
        }
        List<?> items = selection instanceof String ? null : PickledArrays.items(selection);
        if (items == null) {
            throw new ModelDeclinedException("a ColumnTransformer column selection of type "
                    + Unpickled.classNameOf(selection) + " is not compiled");
        }
        int[] positions = new int[items.size()];
        for (int i = 0; i < positions.length; i++) {
            Object item = items.get(i);
            if (item instanceof String name && all.contains(name)) {
                positions[i] = all.indexOf(name);
            } else if (item instanceof Number number && !(item instanceof Double) && !(item instanceof Float)) {
                int position = number.intValue();
                positions[i] = position < 0 ? position + all.size() : position;
                if (positions[i] < 0 || positions[i] >= all.size()) {
                    throw new ModelDeclinedException("ColumnTransformer selects column " + position + " of "
                            + all.size());
                }
            } else {
                throw new ModelDeclinedException("a ColumnTransformer column selection " + item
                        + " is not compiled (names and positions are)");
            }
        }
        return positions;
    }
}
