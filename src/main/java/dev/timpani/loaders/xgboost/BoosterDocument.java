package dev.timpani.loaders.xgboost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.timpani.data.Ubjson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A booster's JSON or UBJSON document as plain maps, lists and numbers, typed arrays decoded, for the compiled
 * engine to read its trees from (load time only). A JSON number with a fraction or an exponent is read as the
 * float32 its text rounds to ({@link Float#parseFloat}, correctly rounded as XGBoost's own reader is:
 * {@code src/common/json.cc} parses numbers straight to float), never through a double, which could round twice.
 */
final class BoosterDocument {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // XGBoost writes NaN and Infinity as bare tokens
            .build();

    private BoosterDocument() {
    }

    /** The document's root object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(byte[] document) throws IOException {
        Object root = XGBoostVersion.isJson(document) ? json(document) : Ubjson.parseWithArrays(document);
        if (!(root instanceof Map<?, ?>)) {
            throw new IOException("the document is not an object");
        }
        return (Map<String, Object>) root;
    }

    private static Object json(byte[] document) throws IOException {
        try (JsonParser parser = JSON.createParser(document)) {
            return value(parser, parser.nextToken());
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("unexpected end of the document");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> members = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    members.put(name, value(parser, parser.nextToken()));
                }
                yield members;
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    items.add(value(parser, next));
                }
                yield items;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> Float.parseFloat(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }
}
