package dev.timpani.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request headers as DRUM hands them to {@code score_unstructured} (R-HOOK-6, R-UNS-9): {@code dict} of Flask's
 * headers, whose names Werkzeug rebuilds from the WSGI environment in title case ({@code Content-Type},
 * {@code X-Api-Key}) whatever the client sent, and whose repeated values the WSGI server joins with ", ". Hooks look
 * headers up by those exact names ({@code headers.get("Content-Type")}), so ours are spelled the same.
 */
final class WsgiHeaders {

    private WsgiHeaders() {
    }

    static Map<String, String> of(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String value = String.join(", ", Collections.list(request.getHeaders(name)));
            headers.merge(title(name.replace('_', '-')), value, (first, second) -> first + ", " + second);
        }
        return headers;
    }

    /** Python's {@code str.title()}: a letter after a non-letter is upper case, every other letter lower case. */
    static String title(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean afterLetter = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = Character.isLetter(c);
            out.append(letter ? (afterLetter ? Character.toLowerCase(c) : Character.toUpperCase(c)) : c);
            afterLetter = letter;
        }
        return out.toString();
    }
}
