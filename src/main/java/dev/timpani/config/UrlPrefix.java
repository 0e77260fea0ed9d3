package dev.timpani.config;

/** R-ROUTE: leading and trailing slashes of {@code URL_PREFIX} are normalised away, then one leading slash. */
final class UrlPrefix {

    private UrlPrefix() {
    }

    static String normalize(String prefix) {
        if (prefix == null) {
            return "";
        }
        String trimmed = prefix.strip();
        int start = 0;
        int end = trimmed.length();
        while (start < end && trimmed.charAt(start) == '/') {
            start++;
        }
        while (end > start && trimmed.charAt(end - 1) == '/') {
            end--;
        }
        return start == end ? "" : "/" + trimmed.substring(start, end);
    }
}
