package dev.timpani.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-HOOK-1 / R-HOOK-2: one artifact, or a hook file; clear errors otherwise. */
class ArtifactFinderTest {

    @TempDir
    Path codeDir;

    private final ModelLoader pmml = loader("pmml", "pmml");
    private final ArtifactFinder finder = new ArtifactFinder(List.of(pmml, loader("xgboost", "json", "ubj")));

    @Test
    void choosesTheSingleArtifactAndItsLoader() throws IOException {
        Files.writeString(codeDir.resolve("model.pmml"), "");
        Files.writeString(codeDir.resolve("model-metadata.yaml"), "");
        Files.writeString(codeDir.resolve("README.md"), "");

        ArtifactFinder.Choice choice = finder.choose(codeDir);

        assertThat(choice.artifact()).isEqualTo(codeDir.resolve("model.pmml"));
        assertThat(choice.loader()).isSameAs(pmml);
    }

    @Test
    void namesTheFilesWhenThereAreSeveralArtifacts() throws IOException {
        Files.writeString(codeDir.resolve("b.pmml"), "");
        Files.writeString(codeDir.resolve("a.onnx"), "");

        assertThatThrownBy(() -> finder.choose(codeDir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("Multiple model artifacts found in " + codeDir
                        + ": a.onnx, b.pmml. Keep exactly one, or load them yourself in a load_model hook.");
    }

    @Test
    void saysDrumsTextAndNamesServedExtensionsWhenThereIsNoArtifactNorHookFile() throws IOException {
        Files.writeString(codeDir.resolve("README.md"), "");

        assertThatThrownBy(() -> finder.choose(codeDir))
                .hasMessage("Can not detect language by artifacts and/or custom.py/R files.\n"
                        + "Detected: language by artifacts - None; language by custom - None.\n"
                        + "Code directory must have one or more model artifacts belonging to the same language:\n"
                        + "Python/R/Java, with an extension:\n"
                        + "Python models: ['.pkl', '.pth', '.h5', '.joblib', '.onnx']\n"
                        + "R models: ['.rds']\n"
                        + "Java models: ['.jar', '.zip', '.java', '.mojo'].\n"
                        + "Or one of custom.py/R files.\n\n"
                        + "Files(100 first) found in " + codeDir.toAbsolutePath() + ":\nREADME.md\n\n"
                        + "This build serves .json, .pmml, .ubj artifacts, or a custom.py / custom.R with hooks.");
    }

    /** R-CLI-10, as DRUM's test_set_language: a python artifact beside a custom.R names two languages. */
    @Test
    void refusesArtifactAndHookFileOfDifferentLanguagesWithoutLanguage() throws IOException {
        Files.writeString(codeDir.resolve("custom.R"), "");
        Files.writeString(codeDir.resolve("model.pkl"), "");

        assertThatThrownBy(() -> finder.choose(codeDir)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("Can not detect language by artifacts and/or custom.py/R files.\n"
                        + "Detected: language by artifacts - python; language by custom - r.");
    }

    @Test
    void languagePicksTheRuntimeWhereTheFolderAllowsSeveral() throws IOException {
        ModelLoader python = loader("python", "py", "pkl");
        ModelLoader r = loader("r", "r", "rds");
        ModelLoader java = loader("scoringcode", "jar");
        ArtifactFinder languages = new ArtifactFinder(List.of(python, r, java));
        Files.writeString(codeDir.resolve("custom.R"), "");
        Files.writeString(codeDir.resolve("model.pkl"), "");

        assertThat(languages.choose(codeDir, "python").artifact()).isEqualTo(codeDir.resolve("model.pkl"));
        assertThat(languages.choose(codeDir, "r").artifact()).isEqualTo(codeDir.resolve("custom.R"));

        Files.delete(codeDir.resolve("custom.R"));
        Files.writeString(codeDir.resolve("model.jar"), "");
        assertThat(languages.choose(codeDir, "java").loader()).isSameAs(java);
        assertThat(languages.choose(codeDir, "PYTHON").loader()).isSameAs(python);
        assertThatThrownBy(() -> languages.choose(codeDir)).hasMessageStartingWith("Can not detect language");
        assertThatThrownBy(() -> languages.choose(codeDir, "julia"))
                .hasMessage("--language julia: use one of python, r, java");
    }

    @Test
    void servesTimpanisOwnArtifactKindsWithoutALanguage() throws IOException {
        Files.writeString(codeDir.resolve("model.json"), "");

        assertThat(finder.choose(codeDir).artifact()).isEqualTo(codeDir.resolve("model.json"));
    }

    @Test
    void saysWhichLoaderIsMissingForAKnownArtifact() throws IOException {
        Files.writeString(codeDir.resolve("model.onnx"), "");

        assertThatThrownBy(() -> finder.choose(codeDir))
                .hasMessage("The artifact model.onnx needs the ONNX Runtime (ai.djl.onnxruntime:onnxruntime-engine and "
                        + "com.microsoft.onnxruntime:onnxruntime) engine, whose classes are not on this server's class "
                        + "path. This build serves .json, .pmml, .ubj.");
    }

    @Test
    void prefersAHookFileOverArtifacts() throws IOException {
        Files.writeString(codeDir.resolve("custom.py"), "");
        Files.writeString(codeDir.resolve("model.pmml"), "");

        assertThatThrownBy(() -> finder.choose(codeDir))
                .hasMessageStartingWith("The hook file custom.py needs a loader that this build does not include.");
    }

    @Test
    void refusesTwoLoadersForOneExtension() {
        assertThatThrownBy(() -> new ArtifactFinder(List.of(pmml, loader("other", "pmml"))))
                .hasMessage("Loaders pmml and other both claim .pmml with priority 0");
    }

    @Test
    void offersAnArtifactToItsLoadersHighestPriorityFirst() throws IOException {
        ModelLoader workers = loader("python", 0, "pkl", "joblib");
        ModelLoader inJvm = loader("pickle", 100, "pkl", "joblib");
        Files.writeString(codeDir.resolve("model.pkl"), "");

        ArtifactFinder.Choice choice = new ArtifactFinder(List.of(workers, inJvm)).choose(codeDir);

        assertThat(choice.loaders()).containsExactly(inJvm, workers);
        assertThat(choice.loader()).isSameAs(inJvm);
    }

    private static ModelLoader loader(String framework, String... extensions) {
        return loader(framework, 0, extensions);
    }

    private static ModelLoader loader(String framework, int priority, String... extensions) {
        return new ModelLoader() {
            @Override
            public int priority() {
                return priority;
            }

            @Override
            public String framework() {
                return framework;
            }

            @Override
            public Set<String> extensions() {
                return Set.of(extensions);
            }

            @Override
            public ScoringModel load(Path artifact, LoadContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
