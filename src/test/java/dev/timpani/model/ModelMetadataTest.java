package dev.timpani.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-CLI-9: model-metadata.yaml read as DRUM's strictyaml reads it. */
class ModelMetadataTest {

    @TempDir
    Path codeDir;

    @Test
    void keepsLabelsAsTextWhereYamlWouldTypeThem() throws IOException {
        Files.writeString(codeDir.resolve("model-metadata.yaml"), """
                name: m
                type: inference
                targetType: binary
                inferenceModel:
                  positiveClassLabel: yes
                  negativeClassLabel: 0
                """);

        ModelMetadata metadata = ModelMetadata.read(codeDir).orElseThrow();

        assertThat(metadata.targetType()).contains(TargetType.BINARY);
        assertThat(metadata.binaryLabels()).contains(ClassLabels.binary("0", "yes"));
    }

    @Test
    void readsClassLabelsFromTheListOrTheFile() throws IOException {
        Files.writeString(codeDir.resolve("labels.txt"), "a\nb\n\nc\n");
        Files.writeString(codeDir.resolve("model-metadata.yaml"),
                "targetType: multiclass\ninferenceModel:\n  classLabelsFile: labels.txt\n");

        assertThat(ModelMetadata.read(codeDir).orElseThrow().classLabels()).contains(List.of("a", "b", "c"));
    }

    @Test
    void isAbsentWithoutTheFile() {
        assertThat(ModelMetadata.read(codeDir)).isEmpty();
    }

    @Test
    void refusesLabelsAndALabelsFileTogether() throws IOException {
        Files.writeString(codeDir.resolve("model-metadata.yaml"), "name: m\ntype: inference\ntargetType: multiclass\n"
                + "inferenceModel:\n  classLabels: [a, b]\n  classLabelsFile: l.txt\n");

        assertThatThrownBy(() -> ModelMetadata.read(codeDir).orElseThrow().validate())
                .hasMessage("\nError - for multiclass classification, either the class labels or a class labels "
                        + "file should be provided in model-metadata.yaml file, but not both.");
    }

    @Test
    void failsToLoadOnAFileThatIsNotYaml() throws IOException {
        Files.writeString(codeDir.resolve("model-metadata.yaml"), "targetType: [unclosed\n");

        assertThatThrownBy(() -> ModelMetadata.read(codeDir)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("Cannot read " + codeDir.resolve("model-metadata.yaml"));
    }
}
