package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.NamedFile;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-ROUTE-7 / R-OUT-6: a transform model's /transform/ answers multipart with the transformed features. */
class TransformHooksTest {

    static final String CUSTOM_PY = """
            import pandas as pd


            def load_model(code_dir):
                return "doubler"


            def transform(data, model):
                return data.fillna(0) * 2
            """;

    @Test
    void transformsDenseAndSparseFeatures(@TempDir Path codeDir) throws Exception {
        PythonSupport.assumeModules("pandas", "scipy");
        Files.writeString(codeDir.resolve("custom.py"), CUSTOM_PY);
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "transform"))) {
            Map<String, NamedFile> files = new LinkedHashMap<>();
            files.put("X", new NamedFile("X.csv", "a,b\n1,2\n3,\n".getBytes(StandardCharsets.UTF_8)));
            files.put("y", new NamedFile("y.csv", "target\n0\n1\n".getBytes(StandardCharsets.UTF_8)));
            Response dense = server.http().postFiles("/transform/", files);
            assertThat(dense.status()).as(dense.body()).isEqualTo(200);
            assertThat(dense.contentType()).startsWith("multipart/form-data; boundary=");
            assertThat(dense.body()).contains("name=\"X.format\"\r\n\r\ncsv\r\n")
                    .contains("a,b\r\n2,4.0\r\n6,0.0\r\n")
                    .contains("name=\"y.transformed\"").contains("target\r\n0\r\n1\r\n");

            String mtx = "%%MatrixMarket matrix coordinate real general\n2 3 2\n1 1 1.5\n2 3 4\n";
            Map<String, NamedFile> sparse = new LinkedHashMap<>();
            sparse.put("X", new NamedFile("X.mtx", mtx.getBytes(StandardCharsets.UTF_8)));
            sparse.put("X.colnames", new NamedFile("cols.txt", "c1\nc2\nc3\n".getBytes(StandardCharsets.UTF_8)));
            Response answer = server.http().postFiles("/transform/", sparse);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("name=\"X.format\"\r\n\r\nsparse\r\n")
                    .contains("%%MatrixMarket matrix coordinate").contains("c1\nc2\nc3");

            Response predict = server.http().post("/predict/", "text/csv", "a\n1\n".getBytes());
            assertThat(predict.status()).isEqualTo(422);
            assertThat(predict.message()).contains("/transform/");
        }
    }
}
