package dev.timpani.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DRUM's output checks (R-OUT-11..15), with DRUM's sentences. */
class PredictionContractTest {

    private static final Optional<ClassLabels> BINARY = Optional.of(ClassLabels.binary("no", "yes"));

    @Test
    void infersNegativeColumnFromOneBinaryColumn() {
        Predictions result = new PredictionContract(TargetType.BINARY, BINARY)
                .check(RawPredictions.positional(new double[][] {{0.25, 1.0}}), 2);

        Predictions.Probabilities probabilities = (Predictions.Probabilities) result;
        assertThat(probabilities.labels().labels()).containsExactly("no", "yes");
        assertThat(probabilities.byLabel()[0]).containsExactly(0.75, 0.0);
        assertThat(probabilities.byLabel()[1]).containsExactly(0.25, 1.0);
    }

    @Test
    void reordersModelLabelsToTheRequestedOrderAfterStandardising() {
        Optional<ClassLabels> requested = Optional.of(new ClassLabels(List.of("1", "0", "Cat")));
        RawPredictions raw = RawPredictions.labelled(new double[][] {{0.2}, {0.3}, {0.5}}, List.of("cat", "0.0", "1.0"));

        Predictions.Probabilities result = (Predictions.Probabilities) new PredictionContract(TargetType.MULTICLASS,
                requested).check(raw, 1);

        assertThat(result.labels().labels()).containsExactly("1", "0", "Cat");
        assertThat(result.byLabel()[0]).containsExactly(0.5);
        assertThat(result.byLabel()[1]).containsExactly(0.3);
        assertThat(result.byLabel()[2]).containsExactly(0.2);
    }

    @Test
    void matchesBooleanLabelsToNumbersAsDrumDoes() {
        RawPredictions raw = RawPredictions.labelled(new double[][] {{0.4}, {0.6}}, List.of("0", "1"));

        Predictions.Probabilities result = (Predictions.Probabilities) new PredictionContract(TargetType.BINARY,
                Optional.of(ClassLabels.binary("False", "True"))).check(raw, 1);

        assertThat(result.byLabel()[1]).containsExactly(0.6);
    }

    /** R-OUT-11, DRUM's test_bin_models_with_wrong_labels: a binary model's labels listed positive first. */
    @Test
    void rejectsModelLabelsThatDifferListingBinaryLabelsPositiveFirst() {
        RawPredictions raw = RawPredictions.labelled(new double[][] {{0.4}, {0.6}}, List.of("a", "b"));

        assertThatThrownBy(() -> new PredictionContract(TargetType.BINARY, BINARY).check(raw, 1))
                .isInstanceOf(ModelFailedException.class)
                .hasMessage("Expected predictions to have columns ['yes', 'no'], but encountered ['a', 'b']");
    }

    @Test
    void rejectsModelLabelsThatDifferListingClassLabelsAsGiven() {
        RawPredictions raw = RawPredictions.labelled(new double[][] {{0.2}, {0.3}, {0.5}}, List.of("a", "b", "d"));
        Optional<ClassLabels> three = Optional.of(new ClassLabels(List.of("c", "a", "b")));

        assertThatThrownBy(() -> new PredictionContract(TargetType.MULTICLASS, three).check(raw, 1))
                .isInstanceOf(ModelFailedException.class)
                .hasMessage("Expected predictions to have columns ['c', 'a', 'b'], but encountered ['a', 'b', 'd']");
    }

    @Test
    void rejectsOneColumnForThreeLabels() {
        Optional<ClassLabels> three = Optional.of(new ClassLabels(List.of("a", "b", "c")));

        assertThatThrownBy(() -> new PredictionContract(TargetType.MULTICLASS, three)
                .check(RawPredictions.positional(new double[][] {{0.5}}), 1))
                .hasMessage("Only one dimension of probability returned, but there are 3 class labels in this model");
    }

    @Test
    void rejectsWrongColumnCount() {
        assertThatThrownBy(() -> new PredictionContract(TargetType.BINARY, BINARY)
                .check(RawPredictions.positional(new double[][] {{0.2}, {0.3}, {0.5}}), 1))
                .hasMessage("Your predictions must return the probability distribution for the correct number of "
                        + "class labels. Expected 2 columns, but received 3");
    }

    @Test
    void rejectsNegativeAndLargeProbabilitiesAndBadSums() {
        PredictionContract contract = new PredictionContract(TargetType.BINARY, BINARY);

        assertThatThrownBy(() -> contract.check(RawPredictions.positional(new double[][] {{-0.1}, {1.1}}), 1))
                .hasMessage("Your prediction probabilities have negative values");
        assertThatThrownBy(() -> contract.check(RawPredictions.positional(new double[][] {{0.0}, {1.1}}), 1))
                .hasMessage("Your prediction probabilities have values greater than 1");
        assertThatThrownBy(() -> contract.check(RawPredictions.positional(new double[][] {{0.5}, {0.6}}), 1))
                .hasMessageStartingWith("Your prediction probabilities do not add up to 1.");
    }

    @Test
    void acceptsSumsWithinNumpyIsclose() {
        PredictionContract contract = new PredictionContract(TargetType.BINARY, BINARY);

        assertThat(contract.check(RawPredictions.positional(new double[][] {{0.5}, {0.500005}}), 1).rowCount())
                .isEqualTo(1);
    }

    @Test
    void rejectsSeveralRegressionColumns() {
        assertThatThrownBy(() -> new PredictionContract(TargetType.REGRESSION, Optional.empty())
                .check(RawPredictions.positional(new double[][] {{1}, {2}}), 1))
                .hasMessage("Regression, Text Generation, Agentic Workflow and anomaly predictions must contain only 1 "
                        + "column. Your predictions have 2 columns");
    }

    @Test
    void rejectsARowCountThatDiffersFromTheInput() {
        assertThatThrownBy(() -> new PredictionContract(TargetType.REGRESSION, Optional.empty())
                .check(RawPredictions.positional(new double[][] {{1, 2}}), 3))
                .isInstanceOf(ModelFailedException.class)
                .hasMessage("The model returned 2 predictions for 3 input rows");
    }

    @Test
    void textTargetTypesKeepTheModelsStrings() {
        for (TargetType textType : List.of(TargetType.GEOPOINT, TargetType.TEXTGENERATION, TargetType.VECTORDATABASE,
                TargetType.AGENTICWORKFLOW)) {
            Predictions result = new PredictionContract(textType, Optional.empty())
                    .check(RawPredictions.texts(new String[][] {{"POINT (1 2)", null}}, Optional.empty(),
                            Optional.empty()), 2);

            assertThat(result).isInstanceOfSatisfying(Predictions.Texts.class,
                    texts -> assertThat(texts.values()).containsExactly("POINT (1 2)", null));
        }
    }

    @Test
    void textTargetTypesKeepNumbersAsNumbers() {
        Predictions result = new PredictionContract(TargetType.GEOPOINT, Optional.empty())
                .check(RawPredictions.positional(new double[][] {{1.5}}), 1);

        assertThat(result).isInstanceOfSatisfying(Predictions.Numbers.class,
                numbers -> assertThat(numbers.values()).containsExactly(1.5));
    }

    @Test
    void rejectsSeveralTextColumnsWithDrumsSentence() {
        assertThatThrownBy(() -> new PredictionContract(TargetType.GEOPOINT, Optional.empty())
                .check(RawPredictions.texts(new String[][] {{"a"}, {"b"}}, Optional.empty(), Optional.empty()), 1))
                .isInstanceOf(ModelFailedException.class)
                .hasMessage("Regression, Text Generation, Agentic Workflow and anomaly predictions must contain only 1 "
                        + "column. Your predictions have 2 columns");
    }

    @Test
    void rejectsTextsForNumericTargetTypes() {
        RawPredictions texts = RawPredictions.texts(new String[][] {{"a"}}, Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> new PredictionContract(TargetType.REGRESSION, Optional.empty()).check(texts, 1))
                .isInstanceOf(ModelFailedException.class)
                .hasMessage("Predictions must be numbers for a regression model");
        assertThatThrownBy(() -> new PredictionContract(TargetType.BINARY, BINARY).check(texts, 1))
                .hasMessage("Predictions must be numbers for a binary model");
    }

    @Test
    void rejectsATextRowCountThatDiffersFromTheInput() {
        assertThatThrownBy(() -> new PredictionContract(TargetType.TEXTGENERATION, Optional.empty())
                .check(RawPredictions.texts(new String[][] {{"a"}}, Optional.empty(), Optional.empty()), 2))
                .hasMessage("The model returned 1 predictions for 2 input rows");
    }
}
