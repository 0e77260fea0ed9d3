package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.PythonSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** R-CLI-9, R-CLI-10: DRUM's command lines parse, and each flag does what DRUM's does or says why not. */
class DrumFlagsTest {

    @TempDir
    Path tmp;

    @Test
    void everySubCommandAcceptsLanguageLoggingVerboseAndStacktrace() {
        List<String> common = List.of("--language", "python", "--logging-level", "info", "--verbose",
                "--show-stacktrace");
        for (List<String> command : List.of(List.of("server"), List.of("score", "--input", "x.csv"),
                List.of("perf-test", "--input", "x.csv"), List.of("validation", "--input", "x.csv"),
                List.of("new", "model", "--code-dir", "x"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(common);

            CommandLine.ParseResult parsed = TimpaniCommand.commandLine(args.get(0)).parseArgs(args.toArray(String[]::new));

            assertThat(parsed.unmatched()).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void batchCommandsMapLoggingAndLanguageToProperties() {
        CommonOptions options = new CommonOptions();
        new CommandLine(options).parseArgs("--language", "R", "--logging-level", "warning", "--show-stacktrace");

        assertThat(options.properties()).containsEntry("timpani.language", "r")
                .containsEntry("logging.level.root", "warn").containsEntry("timpani.drum.show-stacktrace", "true");
    }

    @Test
    void skipPredictLoadsTheModelAndWritesNothing() {
        CorpusCase regression = Corpus.get("xgboost_native_regression");
        Path output = tmp.resolve("out.csv");

        CliRun run = CliRun.run("score", "--code-dir", regression.modelDir().toString(), "--target-type",
                "regression", "--input", regression.input().toString(), "--output", output.toString(),
                "--skip-predict");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(output).doesNotExist();
    }

    @Test
    void refusesQueryAndContentTypeForStructuredModelsAsDrumDoes() {
        CorpusCase regression = Corpus.get("xgboost_native_regression");

        CliRun query = CliRun.run("score", "--code-dir", regression.modelDir().toString(), "--target-type",
                "regression", "--input", regression.input().toString(), "--query", "a=1");

        assertThat(query.exit()).isEqualTo(1);
        assertThat(query.err()).isEqualTo("ERROR: --query argument can be used only with --target-type unstructured"
                + System.lineSeparator());
    }

    @Test
    void refusesGpuPredictorsAndSaysSidecarAndSecretsAreIgnored() {
        CorpusCase regression = Corpus.get("xgboost_native_regression");
        String[] base = {"score", "--code-dir", regression.modelDir().toString(), "--target-type", "regression",
                "--input", regression.input().toString(), "--output", tmp.resolve("out.csv").toString()};

        CliRun gpu = CliRun.run(concat(base, "--gpu-predictor", "nim"));
        CliRun ignored = CliRun.run(concat(base, "--sidecar", "--user-secrets-mount-path", tmp.toString()));

        assertThat(gpu.exit()).isEqualTo(1);
        assertThat(gpu.err()).startsWith("ERROR: --gpu-predictor nim is not supported");
        assertThat(ignored.exit()).as(ignored.err()).isZero();
        assertThat(ignored.err()).contains("WARNING: --sidecar is ignored")
                .contains("WARNING: --user-secrets-mount-path / --user-secrets-prefix are ignored");
    }

    @Test
    void scorePassesRuntimeParametersAndWorkerCountToTheHooks() throws IOException {
        PythonSupport.assumeModules("pandas", "yaml");
        Path model = Files.createDirectory(tmp.resolve("model"));
        Files.writeString(model.resolve("custom.py"), """
                import pandas as pd
                from datarobot_drum import RuntimeParameters

                def load_model(code_dir):
                    return float(RuntimeParameters.get("OFFSET"))

                def score(data, model, **kwargs):
                    return pd.DataFrame({"Predictions": data["x"] + model})
                """);
        // DRUM checks a values file against the folder's definitions (R-RTP-1), so both are needed.
        Files.writeString(model.resolve("model-metadata.yaml"), "name: offset\ntype: inference\n"
                + "targetType: regression\nruntimeParameterDefinitions:\n  - fieldName: OFFSET\n    type: numeric\n");
        Path params = Files.writeString(tmp.resolve("params.yaml"), "OFFSET: 0.5\n");
        Path input = Files.writeString(tmp.resolve("in.csv"), "x\n1\n2\n");
        Path output = tmp.resolve("out.csv");
        System.setProperty("timpani.workers.python", PythonSupport.PYTHON);
        try {
            CliRun run = CliRun.run("score", "--code-dir", model.toString(), "--target-type", "regression",
                    "--input", input.toString(), "--output", output.toString(), "--runtime-params-file",
                    params.toString(), "--max-workers", "2");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(Files.readAllLines(output)).containsExactly("Predictions", "1.5", "2.5");
        } finally {
            System.clearProperty("timpani.workers.python");
        }
    }

    @Test
    void newModelWritesAStarterFolderPerLanguage() throws IOException {
        for (String[] language : new String[][] {{"python", "custom.py", "def load_model"},
                {"r", "custom.R", "load_model <- function"}}) {
            Path folder = tmp.resolve("new-" + language[0]);

            CliRun run = CliRun.run("new", "model", "--language", language[0], "--code-dir", folder.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            try (var files = Files.list(folder)) {
                assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(language[1],
                        "README.md");
            }
            assertThat(Files.readString(folder.resolve(language[1]))).contains(language[2]);
        }
    }

    @Test
    void newModelRefusesAnExistingFolderAndNeedsALanguage() {
        CliRun existing = CliRun.run("new", "model", "--language", "python", "--code-dir", tmp.toString());
        CliRun noLanguage = CliRun.run("new", "model", "--code-dir", tmp.resolve("x").toString());

        assertThat(existing.exit()).isEqualTo(1);
        assertThat(existing.err()).contains("already exists");
        assertThat(noLanguage.exit()).isEqualTo(2);
        assertThat(noLanguage.err()).contains("Missing required option: '--language'");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void aFolderWithoutArtifactOrHookFileFailsWithDrumsText() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Path input = Files.writeString(tmp.resolve("in.csv"), "x\n1\n");

        CliRun run = CliRun.run("score", "--code-dir", empty.toString(), "--target-type", "regression", "--input",
                input.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Can not detect language by artifacts and/or custom.py/R files");
    }

    /** As DRUM's test_detect_language: custom.py without load_model and no artifact names what it looked for. */
    @Test
    void aCustomPyWithoutLoadModelOrArtifactSaysWhatItLookedFor() throws IOException {
        PythonSupport.assumeModules("pandas");
        Path model = Files.createDirectory(tmp.resolve("hooks-only"));
        Files.writeString(model.resolve("custom.py"), "def transform(data, model):\n    return data\n");
        Path input = Files.writeString(tmp.resolve("in.csv"), "x\n1\n");
        System.setProperty("timpani.workers.python", PythonSupport.PYTHON);
        try {
            CliRun run = CliRun.run("score", "--code-dir", model.toString(), "--target-type", "regression",
                    "--input", input.toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("Could not find model artifact file in: " + model.toAbsolutePath()
                    + " supported by default predictors");
        } finally {
            System.clearProperty("timpani.workers.python");
        }
    }

    private static String[] concat(String[] base, String... extra) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }
}
