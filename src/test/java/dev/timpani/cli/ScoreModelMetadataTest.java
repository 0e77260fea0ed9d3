package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-CLI-9: {@code score} takes the target type and class labels from {@code model-metadata.yaml} when the flags
 * lack them, and says what DRUM says when the two disagree or neither has them (DRUM's
 * test_custom_models_with_drum_with_model_yaml_* look for these texts).
 */
class ScoreModelMetadataTest {

    @TempDir
    Path tmp;

    private Path binaryModel;
    private Path multiclassModel;
    private CorpusCase binary;
    private CorpusCase multiclass;

    @BeforeEach
    void copyModels() throws IOException {
        binary = Corpus.get("pmml_sklearn_binary");
        multiclass = Corpus.get("pmml_sklearn_multiclass");
        binaryModel = copy(binary, "binary");
        multiclassModel = copy(multiclass, "multiclass");
    }

    @Test
    void takesTargetTypeAndBinaryLabelsFromMetadata() throws IOException {
        metadata(binaryModel, """
                name: iris
                type: inference
                targetType: binary
                inferenceModel:
                  positiveClassLabel: %s
                  negativeClassLabel: %s
                """.formatted(binary.labels().get(1), binary.labels().get(0)));
        Path output = tmp.resolve("out.csv");

        CliRun run = CliRun.run("score", "--code-dir", binaryModel.toString(), "--input", binary.input().toString(),
                "--output", output.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readAllLines(output).get(0)).isEqualTo(String.join(",", binary.labels()));
        assertThat(Files.readAllLines(output)).hasSize(binary.expected().rowCount() + 1);
    }

    @Test
    void takesClassLabelsFromMetadataOrItsLabelsFile() throws IOException {
        Path labelsFile = Files.write(tmp.resolve("labels.txt"), multiclass.labels());
        for (String labels : List.of("  classLabels: [" + String.join(", ", multiclass.labels()) + "]",
                "  classLabelsFile: " + labelsFile)) {
            metadata(multiclassModel, "name: sky\ntype: inference\ntargetType: multiclass\ninferenceModel:\n" + labels);
            Path output = tmp.resolve("out.csv");

            CliRun run = CliRun.run("score", "--code-dir", multiclassModel.toString(), "--input",
                    multiclass.input().toString(), "--output", output.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(Files.readAllLines(output).get(0)).isEqualTo(String.join(",", multiclass.labels()));
        }
    }

    @Test
    void flagsThatAgreeWithMetadataAreFine() throws IOException {
        metadata(binaryModel, "name: iris\ntype: inference\ntargetType: binary\ninferenceModel:\n"
                + "  positiveClassLabel: " + binary.labels().get(1) + "\n  negativeClassLabel: "
                + binary.labels().get(0) + "\n");

        CliRun run = score(binaryModel, binary, "--target-type", "binary", "--positive-class-label",
                binary.labels().get(1), "--negative-class-label", binary.labels().get(0));

        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void saysTheTargetTypeIsMissingWithoutFlagOrMetadata() throws IOException {
        metadata(binaryModel, "name: iris\ntype: inference\n");

        CliRun run = score(binaryModel, binary);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Target type is missing. It must be provided in --target-type argument, "
                + "TARGET_TYPE env var or model config file.");
    }

    @Test
    void saysTheTargetTypesDoNotMatch() throws IOException {
        metadata(binaryModel, "name: iris\ntype: inference\ntargetType: regression\n");

        CliRun run = score(binaryModel, binary, "--target-type", "binary");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Target type provided in --target-type argument doesn't match target type "
                + "from model config file. Use either one of them or make them match.");
    }

    @Test
    void saysTheBinaryLabelsDoNotMatch() throws IOException {
        metadata(binaryModel, "name: iris\ntype: inference\ntargetType: binary\ninferenceModel:\n"
                + "  positiveClassLabel: yes\n  negativeClassLabel: no\n");

        CliRun run = score(binaryModel, binary, "--positive-class-label", "a", "--negative-class-label", "b");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Positive/negative class labels provided with command arguments or "
                + "environment variable don't match values from model config file. Use either one of them or make "
                + "them match.");
    }

    @Test
    void saysTheBinaryLabelsAreMissing() {
        CliRun run = score(binaryModel, binary, "--target-type", "binary");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Positive/negative class labels are missing. They must be provided with "
                + "either one: --positive-class-label/--negative-class-label arguments, environment variables, model "
                + "config file.");
    }

    @Test
    void saysTheClassLabelsDoNotMatch() throws IOException {
        metadata(multiclassModel, "name: sky\ntype: inference\ntargetType: multiclass\ninferenceModel:\n"
                + "  classLabels: [" + String.join(", ", multiclass.labels()) + "]\n");

        CliRun run = score(multiclassModel, multiclass, "--class-labels", "a", "b", "c");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Class labels provided with command arguments or environment variable don't "
                + "match values from model config file. Use either one of them or make them match.");
    }

    @Test
    void saysTheClassLabelsAreMissing() {
        CliRun run = score(multiclassModel, multiclass, "--target-type", "multiclass");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Class labels are missing. They must be provided with either one: "
                + "--class-labels/--class-labels-file arguments, environment variables, model config file.");
    }

    @Test
    void namesTheKeysAnInferenceBinaryModelMustHave() throws IOException {
        metadata(binaryModel, "name: iris\ntype: inference\ntargetType: binary\n");

        CliRun run = score(binaryModel, binary);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("The following keys are missing in model-metadata.yaml file.\n"
                + "Missing keys: ['inferenceModel']");
    }

    private CliRun score(Path model, CorpusCase corpusCase, String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("score", "--code-dir", model.toString(), "--input",
                corpusCase.input().toString(), "--output", tmp.resolve("out.csv").toString()));
        args.addAll(List.of(flags));
        return CliRun.run(args.toArray(String[]::new));
    }

    private Path copy(CorpusCase corpusCase, String name) throws IOException {
        Path folder = Files.createDirectory(tmp.resolve(name));
        Files.copy(corpusCase.artifact(), folder.resolve(corpusCase.artifact().getFileName()));
        return folder;
    }

    private static void metadata(Path model, String yaml) throws IOException {
        Files.writeString(model.resolve("model-metadata.yaml"), yaml);
    }
}
