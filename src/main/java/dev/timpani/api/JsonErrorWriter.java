package dev.timpani.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** DRUM's {@code {"message": "ERROR: ..."}} body (R-ERR) for filters, which answer before any controller. */
final class JsonErrorWriter {

    private JsonErrorWriter() {
    }

    /** @param text a fixed server-side sentence: no client input is echoed, so escaping quotes suffices */
    static void write(HttpServletResponse response, int status, String text) throws IOException {
        String escaped = DrumMessage.error(text).message().replace("\\", "\\\\").replace("\"", "\\\"");
        byte[] body = ("{\"message\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
