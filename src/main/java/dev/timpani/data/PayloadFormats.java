package dev.timpani.data;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/** R-ROUTE-4: the structured payload formats this build reads, each with its library version or null. */
public final class PayloadFormats {

    private PayloadFormats() {
    }

    public static Map<String, String> supported() {
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put("csv", null);
        formats.put("mtx", null);
        formats.put("arrow", VectorSchemaRoot.class.getPackage().getImplementationVersion());
        return formats;
    }
}
