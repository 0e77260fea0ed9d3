package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validation} (R-CLI-3): DRUM's null-value imputation check, as a table and an exit code. */
class ValidationCommandTest {

    /** A linear model that imputes x1 but refuses a missing x2 (PMML's returnInvalid). */
    private static final String REFUSES_MISSING_X2 = """
            <PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
             <Header/>
             <DataDictionary>
              <DataField name="x1" optype="continuous" dataType="double"/>
              <DataField name="x2" optype="continuous" dataType="double"/>
              <DataField name="y" optype="continuous" dataType="double"/>
             </DataDictionary>
             <RegressionModel functionName="regression">
              <MiningSchema>
               <MiningField name="x1" missingValueReplacement="0"/>
               <MiningField name="x2" missingValueTreatment="returnInvalid"/>
               <MiningField name="y" usageType="target"/>
              </MiningSchema>
              <RegressionTable intercept="1">
               <NumericPredictor name="x1" coefficient="2"/>
               <NumericPredictor name="x2" coefficient="3"/>
              </RegressionTable>
             </RegressionModel>
            </PMML>
            """;

    @TempDir
    Path tmp;

    @Test
    void namesTheColumnWhoseAbsenceBreaksTheModel() throws IOException {
        Path model = Files.createDirectory(tmp.resolve("model"));
        Files.writeString(model.resolve("model.pmml"), REFUSES_MISSING_X2);
        Path input = Files.writeString(tmp.resolve("input.csv"), "x1,x2\n1,2\n3,4\n");

        Run run = run("validation", "--code-dir", model.toString(), "--target-type", "regression",
                "--input", input.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("Validation checks results\n      Test case          Status")
                .containsPattern("Basic batch prediction\\s+PASSED")
                .containsPattern("Null value imputation\\s+FAILED")
                .containsPattern("\\s+x2\\s+column 'x2' has no value in")
                .doesNotContainPattern("\\s+x1\\s+column");
    }

    /** R-VAL-1, as DRUM's test_classification_validation_fails_on_add_up_to_one: both checks fail, in the table. */
    @Test
    void reportsBothChecksFailedWhenTheInputItselfDoesNotScore() throws IOException {
        Path model = Files.createDirectory(tmp.resolve("model"));
        Files.writeString(model.resolve("model.pmml"), REFUSES_MISSING_X2);
        Path input = Files.writeString(tmp.resolve("input.csv"), "x1,x2\n1,\n3,\n");

        Run run = run("validation", "--code-dir", model.toString(), "--target-type", "regression",
                "--input", input.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).containsPattern("Basic batch prediction\\s+FAILED\\s+Test failed on provided dataset")
                .containsPattern("Null value imputation\\s+FAILED");
    }

    @Test
    void passesWhenTheModelHandlesEveryMissingColumn() {
        CorpusCase xgboost = Corpus.get("xgboost_native_regression");

        Run run = run("validation", "--code-dir", xgboost.modelDir().toString(), "--target-type", "regression",
                "--input", xgboost.input().toString(), "--samples", "20");

        assertThat(run.exit()).isZero();
        // texttable pads every cell, so the rows end in spaces.
        assertThat(run.output()).contains("      Test case          Status   Details\n"
                + "=========================================\n"
                + "Basic batch prediction   PASSED          \n"
                + "Null value imputation    PASSED          \n");
    }

    @Test
    void laysOutTablesAsTexttableDoes() {
        String table = ValidationCommand.table(List.of("Test case", "Status", "Details"),
                List.of(List.of("Basic batch prediction", "PASSED", ""),
                        List.of("Null value imputation", "FAILED", "some msg\n\nline2 longer text")), 80);

        // What texttable 1.7 draws for these rows with deco HEADER (checked in Python).
        assertThat(table).isEqualTo("      Test case          Status        Details     \n"
                + "===================================================\n"
                + "Basic batch prediction   PASSED                    \n"
                + "Null value imputation    FAILED   some msg         \n"
                + "                                                   \n"
                + "                                  line2 longer text");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = TimpaniCommand.run(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
