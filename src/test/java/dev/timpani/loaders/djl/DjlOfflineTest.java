package dev.timpani.loaders.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.util.Utils;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.model.ScoringModel;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing is downloaded: DJL runs offline, and every file in its PyTorch engine cache is byte for byte a resource
 * of the native jars on the class path (the build points {@code DJL_CACHE_DIR} at target/, so the cache starts
 * empty after a clean).
 */
class DjlOfflineTest {

    @Test
    void enginesLoadOfflineFromTheBundledNativeJars() throws Exception {
        CorpusCase torch = Corpus.get("torchscript_regression");
        CorpusCase onnx = Corpus.get("onnx_torch_regression");
        try (ScoringModel torchModel = new TorchScriptLoader().load(torch.artifact(),
                LoaderTestSupport.contextFor(torch));
                ScoringModel onnxModel = new OnnxLoader().load(onnx.artifact(), LoaderTestSupport.contextFor(onnx))) {
            assertThat(torchModel.predict(torch.inputFrame()).rowCount()).isEqualTo(300);
            assertThat(onnxModel.predict(onnx.inputFrame()).rowCount()).isEqualTo(300);
        }

        assertThat(Utils.isOfflineMode()).as("DJL offline mode").isTrue();
        Path cache = Utils.getEngineCacheDir("pytorch");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(cache)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(file -> file.getFileName().toString())
                .contains("libtorch.so", "libtorch_cpu.so", "libc10.so");
        for (Path file : files) {
            assertThat(digest(Files.newInputStream(file)))
                    .as("%s is the bundled %s", file, bundledResource(file))
                    .isEqualTo(digest(getClass().getClassLoader().getResourceAsStream(bundledResource(file))));
        }
    }

    /** Where DJL took the file from: pytorch-native-cpu's libraries, or pytorch-jni's bridge for this platform. */
    private static String bundledResource(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("-libdjl_torch.so")
                ? "jnilib/linux-x86_64/cpu/libdjl_torch.so"
                : "pytorch/cpu/linux-x86_64/" + name;
    }

    private static String digest(InputStream in) throws IOException, NoSuchAlgorithmException {
        assertThat(in).as("resource present").isNotNull();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
