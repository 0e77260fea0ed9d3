package dev.timpani.testing;

/** {@code TIMPANI_REQUIRE_ALL_TESTS=1} (set by {@code .ci/run}): a test that would skip fails instead. */
public final class RequireAll {

    private RequireAll() {
    }

    public static boolean enabled() {
        String value = System.getenv("TIMPANI_REQUIRE_ALL_TESTS");
        return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }
}
