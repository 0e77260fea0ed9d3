package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.ArrowFrameReader;
import dev.timpani.data.BadInputException;
import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.PandasNaValues;
import dev.timpani.data.Frame;
import dev.timpani.data.MatrixMarketReader;
import dev.timpani.data.Payload;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    private final CsvFrameReader pandas1 = new CsvFrameReader(PandasNaValues.PANDAS_1);
    private final CsvFrameReader pandas2 = new CsvFrameReader(PandasNaValues.PANDAS_2);
    private final MatrixMarketReader mtx = new MatrixMarketReader();
    private final ArrowFrameReader arrow = new ArrowFrameReader();
    private final long maxPayloadBytes;
    private final int maxRows;
    private final int maxColumns;

    FramePayloadReader(TimpaniProperties properties) {
        this.maxPayloadBytes = properties.maxPayloadSize().toBytes();
        this.maxRows = properties.limits().maxRows();
        this.maxColumns = properties.limits().maxColumns();
    }

    /** The request as a frame within {@code timpani.limits.max-rows} / {@code max-columns} (R-ERR-2: 413). */
    Frame read(HttpServletRequest request) throws IOException {
        return read(request, PandasNaValues.PANDAS_1);
    }

    /** The same, a csv read with the missing values of the pandas the model's environment has. */
    Frame read(HttpServletRequest request, PandasNaValues naValues) throws IOException {
        Frame frame = parse(request, naValues == PandasNaValues.PANDAS_2 ? pandas2 : pandas1);
        if (frame.columnCount() > maxColumns) {
            throw FrameTooLargeException.columns(frame.columnCount(), maxColumns);
        }
        if (frame.rowCount() > maxRows) {
            throw FrameTooLargeException.rows(frame.rowCount(), maxRows);
        }
        return frame;
    }

    private Frame parse(HttpServletRequest request, CsvFrameReader csv) throws IOException {
        if (request instanceof MultipartHttpServletRequest multipart) {
            return readMultipart(multipart, csv);
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

    /**
     * The same request as {@link #read}, left unparsed for a model that reads the bytes itself: the R-IN-1 /
     * R-IN-2 rules still decide the mimetype and what is no payload at all (R-IN-3); the format itself is the
     * model's to accept or refuse (a {@code read_input_data} hook may read any).
     */
    Payload readPayload(HttpServletRequest request) throws IOException {
        if (request instanceof MultipartHttpServletRequest multipart) {
            MultipartFile x = multipart.getFile("X");
            if (x == null || x.isEmpty()) {
                throw new BadInputException(NO_SAMPLES);
            }
            MultipartFile colnames = multipart.getFile("X.colnames");
            return new Payload(x.getBytes(), mimetypeOfFileName(x.getOriginalFilename()), Optional.empty(),
                    colnames == null ? Optional.empty() : Optional.of(colnames.getBytes()));
        }
        byte[] body = readBody(request);
        if (body.length == 0) {
            throw new BadInputException(NO_SAMPLES);
        }
        String contentType = request.getContentType();
        return new Payload(body, mimetype(contentType), charset(contentType), Optional.empty());
    }

    /** R-ROUTE-7: the optional target of a transform request, multipart field {@code y}. */
    Optional<Payload> readTarget(HttpServletRequest request) throws IOException {
        if (request instanceof MultipartHttpServletRequest multipart) {
            MultipartFile y = multipart.getFile("y");
            if (y != null && !y.isEmpty()) {
                return Optional.of(new Payload(y.getBytes(), mimetypeOfFileName(y.getOriginalFilename()),
                        Optional.empty(), Optional.empty()));
            }
        }
        return Optional.empty();
    }

    /** The raw body within the payload limit (413 beyond it); chunked bodies are counted as they arrive. */
    byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxPayloadBytes) {
            throw new PayloadTooLargeException(maxPayloadBytes);
        }
        LimitedInputStream limited = new LimitedInputStream(request.getInputStream(), maxPayloadBytes);
        try (InputStream body = limited) {
            return body.readAllBytes();
        } catch (IOException | java.io.UncheckedIOException e) {
            if (limited.exceeded()) {
                throw new PayloadTooLargeException(maxPayloadBytes);
            }
            throw e;
        }
    }

    /** The {@code charset} parameter of {@code Content-Type}, if any. */
    static Optional<String> charset(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String value = unquote(parameter.substring(equals + 1).strip());
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private Frame readMultipart(MultipartHttpServletRequest request, CsvFrameReader csv) throws IOException {
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

    /**
     * The {@code type/subtype} of {@code Content-Type}, lower case. Parsed by hand rather than with
     * {@link MediaType}: a charset Java does not know by that name (Python's {@code latin-1}) is still a valid
     * header, for a model in Python to decode.
     */
    static String mimetype(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "text/csv";
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1 || type.indexOf('/', slash + 1) >= 0
                || type.chars().anyMatch(c -> c <= ' ')) {
            throw new BadInputException("The Content-Type header '" + contentType + "' cannot be parsed");
        }
        return type;
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
