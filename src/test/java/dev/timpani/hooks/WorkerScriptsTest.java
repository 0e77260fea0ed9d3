package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.PythonSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's files as shipped and extracted: the manifest lists every Python module of the worker (a module added
 * and not listed would be missing at run time), each extraction writes all of them, and a worker refuses to load
 * from files that are not the ones the JVM extracted (their digest, the worker's {@code TIMPANI_WORKER_VERSION}).
 */
class WorkerScriptsTest {

    private static final Path SOURCES = Path.of("src/main/resources/timpani");

    @Test
    void pythonManifestListsEveryModuleOfTheWorkerAndNoOther() throws IOException {
        List<String> shipped;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            shipped = files.filter(Files::isRegularFile)
                    .map(file -> SOURCES.relativize(file).toString().replace('\\', '/'))
                    .filter(file -> file.endsWith(".py") && !file.startsWith("templates/"))
                    .sorted().toList();
        }
        assertThat(WorkerScripts.manifest(WorkerLanguage.PYTHON)).containsExactlyInAnyOrderElementsOf(shipped)
                .contains("worker.py", "datarobot_drum/__init__.py", "timpani_worker/__init__.py");
        assertThat(WorkerScripts.manifest(WorkerLanguage.R)).containsExactly("worker.R");
    }

    @Test
    void extractsEveryListedFileIntoAFreshDirectoryEachTime() throws IOException {
        try (WorkerScripts first = WorkerScripts.extract(WorkerLanguage.PYTHON);
             WorkerScripts second = WorkerScripts.extract(WorkerLanguage.PYTHON)) {
            assertThat(first.directory()).isNotEqualTo(second.directory());
            assertThat(first.version()).isEqualTo(second.version()).hasSize(16);
            for (String file : WorkerScripts.manifest(WorkerLanguage.PYTHON)) {
                assertThat(first.directory().resolve(file)).as(file)
                        .hasSameBinaryContentAs(SOURCES.resolve(file));
            }
            assertThat(first.worker()).isEqualTo(first.directory().resolve("worker.py"));
        }
    }

    @Test
    void aWorkerRefusesToLoadFromFilesThatAreNotTheExtractedOnes(@TempDir Path codeDir) throws Exception {
        PythonSupport.assumeModules("pandas");
        Files.writeString(codeDir.resolve("custom.py"), """
                def load_model(code_dir):
                    return "model"


                def score(data, model, **kwargs):
                    return data
                """);
        try (WorkerScripts scripts = WorkerScripts.extract(WorkerLanguage.PYTHON)) {
            assertThat(load(scripts, codeDir).path("status").asString()).as("as extracted").isEqualTo("ok");

            Path hooks = scripts.directory().resolve("timpani_worker/hooks.py");
            Files.writeString(hooks, Files.readString(hooks) + "\n# an older build's copy\n");
            var stale = load(scripts, codeDir);
            assertThat(stale.path("kind").asString()).isEqualTo("load");
            assertThat(stale.path("message").asString()).startsWith("The Python worker's files in "
                    + scripts.directory()).contains("but this Timpani extracted version " + scripts.version()
                    + ": a stale or altered extraction");

            Files.delete(hooks);
            assertThat(load(scripts, codeDir).path("message").asString()).as("half-written")
                    .contains("are incomplete").contains("hooks.py");
        }
    }

    private static tools.jackson.databind.JsonNode load(WorkerScripts scripts, Path codeDir) throws IOException {
        WorkerSettings settings = new WorkerSettings(PythonSupport.PYTHON, "Rscript", 1, 1, Duration.ofSeconds(60),
                Duration.ofSeconds(60), 1, Map.of());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "load");
        request.put("code_dir", codeDir.toString());
        request.put("artifact", codeDir.resolve("custom.py").toString());
        request.put("target_type", "regression");
        WorkerProcess worker = WorkerProcess.start(1, settings, WorkerLanguage.PYTHON, scripts, codeDir);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            return worker.call(request, new byte[0], Duration.ofSeconds(60), watchdog).meta();
        } finally {
            worker.stop();
            watchdog.shutdownNow();
        }
    }

    @Test
    void digestIsThePythonSidesToo() throws Exception {
        PythonSupport.assumeModules("json");
        try (WorkerScripts scripts = WorkerScripts.extract(WorkerLanguage.PYTHON)) {
            Process python = new ProcessBuilder(PythonSupport.PYTHON, "-c",
                    "import sys; sys.path.insert(0, sys.argv[1]); from timpani_worker import extraction; "
                            + "print(extraction.digest(sys.argv[1]))", scripts.directory().toString())
                    .redirectErrorStream(true).start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(python.waitFor()).as(out).isZero();
            assertThat(out).isEqualTo(scripts.version());
        }
    }
}
