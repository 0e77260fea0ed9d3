package dev.timpani.api;

import dev.timpani.testing.FuzzInputs;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The saved fuzz inputs of Content-Type and file-name parsing (R-IN-1, R-IN-2, R-UNS-1), replayed without Jazzer. */
class ContentTypeFuzzInputsTest {

    static Stream<Arguments> contentTypes() {
        return FuzzInputs.of(ContentTypeFuzzTest.class, "parsesContentType");
    }

    static Stream<Arguments> fileNames() {
        return FuzzInputs.of(ContentTypeFuzzTest.class, "mapsFileNames");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentTypes")
    void parsesOrRejectsContentType(String name, byte[] input) {
        new ContentTypeFuzzTest().parsesContentType(new String(input, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileNames")
    void mapsFileNames(String name, byte[] input) {
        new ContentTypeFuzzTest().mapsFileNames(new String(input, StandardCharsets.UTF_8));
    }
}
