package dev.timpani.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything Timpani can be told, as one immutable tree. DRUM's flags ({@code cli}) and DRUM's environment
 * variables ({@link DrumEnvironmentPostProcessor}) both land here, so the rest of the code reads one source.
 *
 * @param codeDir        the model folder (R-CFG-1); absent: the embedded example model
 * @param targetType     DRUM's target type name (R-CFG-2), checked when the model loads
 * @param labels         class labels (R-CFG-3)
 * @param address        {@code host:port} to listen on (R-CFG-4), mapped onto {@code server.*}
 * @param urlPrefix      prefix of every DRUM route (R-CFG-13)
 * @param maxPayloadSize largest request body accepted (413 beyond it)
 * @param engine         native engine settings for in-process loaders
 */
@ConfigurationProperties(prefix = "timpani", ignoreUnknownFields = false)
public record TimpaniProperties(
        Path codeDir,
        String targetType,
        @DefaultValue Labels labels,
        String address,
        @DefaultValue("") String urlPrefix,
        @DefaultValue("1GB") DataSize maxPayloadSize,
        @DefaultValue Engine engine,
        @DefaultValue Drum drum) {

    /** R-OUT-10: either a positive/negative pair, a list, or a file of one label per line. */
    public record Labels(String positive, String negative, List<String> classLabels, Path classLabelsFile) {
    }

    /**
     * @param threads intra-op threads per native engine: one by default, since request-sized batches gain
     *                nothing from more and concurrent requests already use every core
     * @param warmUp  score one synthetic row before reporting ready
     */
    public record Engine(@DefaultValue("1") int threads, @DefaultValue("true") boolean warmUp) {
    }

    /**
     * DRUM flags Timpani accepts for compatibility (R-CFG-5..12) and reports in the start-up log.
     */
    public record Drum(Integer maxWorkers, @DefaultValue("true") boolean withErrorServer,
                       @DefaultValue("false") boolean showStacktrace, @DefaultValue("false") boolean production,
                       Path runtimeParamsFile, @DefaultValue("false") boolean monitor) {
    }

    /** The prefix normalised to {@code /a/b} form, or empty. */
    public String normalizedUrlPrefix() {
        return UrlPrefix.normalize(urlPrefix);
    }
}
