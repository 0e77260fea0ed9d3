package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.TextColumn;
import dev.timpani.model.ArtifactFinder;
import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadContext;
import dev.timpani.model.PayloadScoringModel.PayloadPredictions;
import dev.timpani.model.TargetType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM side of the worker protocol, without Python. */
class WireTest {

    @Test
    void framesRoundTripWithRawBodies() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] body = {0, 1, 2, (byte) 0xff, '\n'};
        Wire.write(new DataOutputStream(bytes), Map.of("op", "predict", "mimetype", "text/csv"), body);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Wire.Message message = Wire.read(in);
        assertThat(message.meta().path("op").asString()).isEqualTo("predict");
        assertThat(message.body()).isEqualTo(body);
        assertThat(Wire.read(in)).as("clean end of stream").isNull();
    }

    @Test
    void truncatedFrameIsAnError() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.write(new DataOutputStream(bytes), Map.of("op", "ping"), new byte[10]);
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
        assertThatThrownBy(() -> Wire.read(new DataInputStream(new ByteArrayInputStream(cut))))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void predictionsAreFloat64ColumnsLittleEndian() {
        ByteBuffer body = ByteBuffer.allocate(6 * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : new double[] {0.1, 0.2, 0.3, 0.9, 0.8, 0.7}) {
            body.putDouble(value);
        }
        String meta = """
                {"status": "ok", "rows": 3, "cols": 2, "input_rows": 3, "labels": ["a", "b"],
                 "extra": {"names": ["note"], "columns": [["x", null, "z"]]}}""";
        PayloadPredictions decoded = HookModel.decodePredictions(
                new Wire.Message(Wire.JSON.readTree(meta), body.array()));
        assertThat(decoded.inputRows()).isEqualTo(3);
        assertThat(decoded.predictions().columns()[0]).containsExactly(0.1, 0.2, 0.3);
        assertThat(decoded.predictions().columns()[1]).containsExactly(0.9, 0.8, 0.7);
        assertThat(decoded.predictions().columnLabels()).contains(List.of("a", "b"));
        TextColumn note = (TextColumn) decoded.predictions().extraOutput().orElseThrow().column(0);
        assertThat(note.values()).containsExactly("x", null, "z");
    }

    @Test
    void loadRequestCarriesDrumsLabelKwargs(@TempDir Path codeDir) {
        Map<String, Object> binary = HooksLoader.loadRequest(codeDir.resolve("custom.py"), new LoadContext(
                codeDir, TargetType.BINARY, Optional.of(ClassLabels.binary("no", "yes")), 1));
        assertThat(binary).containsEntry("negative_class_label", "no").containsEntry("positive_class_label", "yes")
                .containsEntry("target_type", "binary").doesNotContainKey("class_labels");
        Map<String, Object> multiclass = HooksLoader.loadRequest(codeDir.resolve("custom.py"), new LoadContext(
                codeDir, TargetType.MULTICLASS, Optional.of(new ClassLabels(List.of("a", "b", "c"))), 1));
        assertThat(multiclass).containsEntry("class_labels", List.of("a", "b", "c"));
    }

    /** custom.py wins over artifacts; a lone pickle is served by the Python workers too. */
    @Test
    void artifactFinderRoutesPythonFoldersToTheHookLoader(@TempDir Path codeDir) throws IOException {
        HooksLoader loader = new HooksLoader(new WorkerSettings("python3", "Rscript", 1, 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Map.of()), WorkerLanguage.PYTHON);
        ArtifactFinder finder = new ArtifactFinder(List.of(loader));
        Files.writeString(codeDir.resolve("model.pkl"), "x");
        assertThat(finder.choose(codeDir).loader()).isSameAs(loader);
        assertThat(finder.choose(codeDir).artifact().getFileName()).hasToString("model.pkl");
        Files.writeString(codeDir.resolve("custom.py"), "");
        Files.writeString(codeDir.resolve("other.joblib"), "x");
        assertThat(finder.choose(codeDir).artifact().getFileName()).hasToString("custom.py");
    }

    /**
     * R-HOOK-9: custom.R and a lone .rds go to the R workers. R-CLI-10: custom.py beside custom.R names no
     * language, so the .rds decides, as in DRUM; --language python picks custom.py.
     */
    @Test
    void artifactFinderRoutesRFoldersToTheRHookLoader(@TempDir Path codeDir) throws IOException {
        WorkerSettings settings = new WorkerSettings("python3", "Rscript", 1, 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Map.of());
        HooksLoader python = new HooksLoader(settings, WorkerLanguage.PYTHON);
        HooksLoader r = new HooksLoader(settings, WorkerLanguage.R);
        ArtifactFinder finder = new ArtifactFinder(List.of(python, r));
        assertThat(r.framework()).isEqualTo("r");
        Files.writeString(codeDir.resolve("model.rds"), "x");
        assertThat(finder.choose(codeDir).loader()).isSameAs(r);
        Files.writeString(codeDir.resolve("custom.R"), "");
        assertThat(finder.choose(codeDir).loader()).isSameAs(r);
        assertThat(finder.choose(codeDir).artifact().getFileName()).hasToString("custom.R");
        Files.writeString(codeDir.resolve("custom.py"), "");
        assertThat(finder.choose(codeDir).loader()).isSameAs(r);
        assertThat(finder.choose(codeDir, "python").loader()).isSameAs(python);
        assertThat(finder.choose(codeDir, "python").artifact().getFileName()).hasToString("custom.py");
    }

    @Test
    void rWorkerRunsUnderAShellThatMovesTheProtocolOffStdout() {
        List<String> command = WorkerLanguage.R.command("Rscript", Path.of("/tmp/w/worker.R"));
        assertThat(command).containsExactly("/bin/sh", "-c", "exec \"$0\" \"$@\" 3>&1 1>&2 4<&0 0</dev/null",
                "Rscript", "/tmp/w/worker.R");
        assertThat(WorkerProcess.executableExists("sh")).isTrue();
        assertThat(WorkerProcess.executableExists("/nonexistent/Rscript")).isFalse();
    }

    @Test
    void frameCsvKeepsMissingValuesAndQuotes() {
        dev.timpani.data.Frame frame = new dev.timpani.data.Frame(List.of("n", "t"),
                List.of(new dev.timpani.data.NumericColumn(new double[] {1.5, Double.NaN}),
                        new TextColumn(new String[] {"a,\"b\"", null})), 2);
        assertThat(new String(FrameCsv.write(frame))).isEqualTo("\"n\",\"t\"\n1.5,\"a,\"\"b\"\"\"\n,\n");
    }
}
