package dev.timpani.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * DRUM's {@code {"message": "ERROR: ..."}} body (R-ERR) for filters, which answer before any controller; on the Open
 * Inference Protocol's {@code /v2} routes, that protocol's {@code {"error": "..."}} instead.
 */
final class JsonErrorWriter {

    private JsonErrorWriter() {
    }

    /** @param text a fixed server-side sentence: no client input is echoed, so escaping quotes suffices */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String text)
            throws IOException {
        boolean v2 = request.getRequestURI().startsWith("/v2/");
        String escaped = (v2 ? text : DrumMessage.error(text).message()).replace("\\", "\\\\")
                .replace("\"", "\\\"");
        byte[] body = ("{\"" + (v2 ? "error" : "message") + "\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
