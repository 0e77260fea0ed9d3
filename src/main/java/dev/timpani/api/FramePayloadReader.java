package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.ArrowFrameReader;
import dev.timpani.data.BadInputException;
import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import dev.timpani.data.MatrixMarketReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Turns a structured scoring request into a {@link Frame} (R-IN): the multipart field {@code X} with its format
 * from the file name (R-IN-1), or the raw body with its format from {@code Content-Type} (R-IN-2).
 */
@Component
class FramePayloadReader {

    static final String NO_SAMPLES = "Samples should be provided as:   - a csv or mtx under `X` form-data param key."
            + "  - binary data";

    private final CsvFrameReader csv = new CsvFrameReader();
    private final MatrixMarketReader mtx = new MatrixMarketReader();
    private final ArrowFrameReader arrow = new ArrowFrameReader();
    private final long maxPayloadBytes;

    FramePayloadReader(TimpaniProperties properties) {
        this.maxPayloadBytes = properties.maxPayloadSize().toBytes();
    }

    Frame read(HttpServletRequest request) throws IOException {
        if (request instanceof MultipartHttpServletRequest multipart) {
            return readMultipart(multipart);
        }
        long declared = request.getContentLengthLong();
        if (declared > maxPayloadBytes) {
            throw new PayloadTooLargeException(maxPayloadBytes);
        }
        if (declared == 0) {
            throw new BadInputException(NO_SAMPLES);
        }
        String mimetype = mimetype(request.getContentType());
        LimitedInputStream limited = new LimitedInputStream(request.getInputStream(), maxPayloadBytes);
        try (InputStream body = limited) {
            return switch (mimetype) {
                case "text/csv", "text/plain", "application/csv" -> csv.read(nonEmpty(body));
                case "text/mtx" -> mtx.read(nonEmpty(body), List.of());
                case "application/x-apache-arrow-stream" -> arrow.readStream(nonEmpty(body));
                case "application/vnd.apache.arrow.file" -> arrow.readFile(nonEmpty(body).readAllBytes());
                default -> throw unsupported(mimetype);
            };
        } catch (BadInputException | java.io.UncheckedIOException e) {
            // A reader may wrap the limit's exception as unreadable input; the client's fix is the size.
            if (limited.exceeded()) {
                throw new PayloadTooLargeException(maxPayloadBytes);
            }
            throw e;
        }
    }

    private Frame readMultipart(MultipartHttpServletRequest request) throws IOException {
        MultipartFile x = request.getFile("X");
        if (x == null) {
            throw new BadInputException(NO_SAMPLES);
        }
        String mimetype = mimetypeOfFileName(x.getOriginalFilename());
        try (InputStream body = x.getInputStream()) {
            return switch (mimetype) {
                case "text/csv" -> csv.read(body);
                case "text/mtx" -> mtx.read(body, columnNames(request.getFile("X.colnames")));
                case "arrow" -> arrow.readAny(body.readAllBytes());
                default -> throw unsupported(mimetype);
            };
        }
    }

    private static List<String> columnNames(MultipartFile colnames) throws IOException {
        if (colnames == null) {
            return List.of();
        }
        try (InputStream in = colnames.getInputStream()) {
            return MatrixMarketReader.readColumnNames(in);
        }
    }

    /** R-IN-1: the format follows the file name; a name without a known extension is read as csv. */
    static String mimetypeOfFileName(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return switch (extension) {
            case "csv", "txt", "" -> "text/csv";
            case "mtx" -> "text/mtx";
            case "arrow", "feather", "arrows", "ipc" -> "arrow";
            default -> extension.isEmpty() ? "text/csv" : "application/" + extension;
        };
    }

    private static String mimetype(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "text/csv";
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("The Content-Type header '" + contentType + "' cannot be parsed");
        }
    }

    /** Chunked bodies declare no length: an empty one is still "no samples" (R-IN-3). */
    private static InputStream nonEmpty(InputStream body) throws IOException {
        java.io.PushbackInputStream in = new java.io.PushbackInputStream(body, 1);
        int first = in.read();
        if (first < 0) {
            throw new BadInputException(NO_SAMPLES);
        }
        in.unread(first);
        return in;
    }

    /** R-IN-4, DRUM's sentence. */
    private static BadInputException unsupported(String mimetype) {
        return new BadInputException("payload format `" + mimetype + "` is not supported by predictor/transformer. "
                + "Make DRUM support the format or implement `read_input_data` hook to read the data. ");
    }
}
