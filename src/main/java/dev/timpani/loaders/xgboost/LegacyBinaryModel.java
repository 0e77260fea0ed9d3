package dev.timpani.loaders.xgboost;

import dev.timpani.model.ModelLoadException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gbtree model in the legacy binary format of XGBoost 1.0 to 1.7 ({@code Booster.save_model('x.model')}),
 * which XGBoost 3 refuses to load. {@link #read} takes the file apart as {@code LearnerImpl::LoadModel}
 * (src/learner.cc, 1.7.4) does; {@link #toJson} writes the JSON model document XGBoost 1.7 itself would save
 * for it, every number copied from the file, so that XGBoost still does every prediction. Anything the file
 * holds that this translation does not know how to carry over fails the load instead of being guessed.
 */
record LegacyBinaryModel(LegacyLearnerParam learner, byte[] objectiveConfig, LegacyGBTree booster,
                         List<Attribute> attributes) {

    /** Objectives whose translated models are checked against XGBoost 1.7.4's predictions (make_legacy_xgboost.py). */
    static final Set<String> OBJECTIVES = Set.of("reg:squarederror", "reg:logistic", "binary:logistic",
            "binary:logitraw", "multi:softprob", "multi:softmax");
    /** Names a 1.x binary may record for an objective whose saved configuration names it otherwise. */
    private static final Map<String, String> OBJECTIVE_ALIASES = Map.of("reg:linear", "reg:squarederror");
    /** Checks the objective's configuration, which is copied into the JSON as it is: one object, nothing after. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** Whether XGBoost 3's loader would refuse the file: it reads only JSON and UBJSON, both starting with '{'. */
    static boolean isLegacyBinary(byte[] start) {
        // XGBoosterLoadModel (src/c_api/c_api.cc, 3.4.0): CHECK_EQ(str[0], '{') whatever the extension.
        return start.length > 0 && start[0] != '{';
    }

    static LegacyBinaryModel read(byte[] file) {
        LegacyBinaryInput in = new LegacyBinaryInput(file);
        if (in.startsWith("bs64")) {
            throw new ModelLoadException("XGBoost legacy binary model is base64-encoded (\"bs64\"), which XGBoost "
                    + "1.x itself no longer reads");
        }
        if (in.startsWith("binf")) {
            in.skip(4, "the \"binf\" header"); // written since 1.1; 1.0 started with the parameters
        }
        LegacyLearnerParam learner = LegacyLearnerParam.read(in);
        String objective = new String(in.string("the objective's name"), StandardCharsets.UTF_8);
        String booster = new String(in.string("the booster's name"), StandardCharsets.UTF_8);
        if (!booster.equals("gbtree")) {
            // dart stores its tree weights after the trees and gblinear a weight matrix; neither is translated.
            throw new ModelLoadException("XGBoost legacy binary model uses the '" + booster
                    + "' booster; only gbtree models can be translated for XGBoost 3");
        }
        LegacyGBTree trees = LegacyGBTree.read(in, learner);
        List<Attribute> attributes = learner.hasAttributes() ? Attribute.readAll(in) : List.of();
        if (in.remaining() != 0) {
            throw new ModelLoadException("XGBoost legacy binary model has " + in.remaining()
                    + " bytes after its end (byte " + in.position() + "), which XGBoost 1.x never writes");
        }
        byte[] objectiveConfig = objectiveConfig(objective, attributes);
        return new LegacyBinaryModel(learner, objectiveConfig, trees, attributes.stream()
                // LearnerImpl::LoadModel (1.7.4) takes these two out of the attributes: the objective's
                // configuration becomes learner.objective, the evaluation metrics are training settings that
                // its JSON model does not hold.
                .filter(a -> !a.named("objective") && !a.named("metrics"))
                .toList());
    }

    /**
     * XGBoost 1.x saves the objective's configuration as a JSON attribute ({@code LearnerImpl::SaveModel}:
     * {@code obj_->SaveConfig}), the very object its JSON model holds as {@code learner.objective}.
     */
    private static byte[] objectiveConfig(String objective, List<Attribute> attributes) {
        Attribute saved = attributes.stream().filter(a -> a.named("objective")).findFirst()
                .orElseThrow(() -> new ModelLoadException("XGBoost legacy binary model has no saved configuration "
                        + "for its objective '" + objective + "' (every 1.x release saves one)"));
        String name;
        try {
            JsonNode config = JSON.readTree(saved.value());
            name = config.isObject() && config.path("name").isString() ? config.path("name").asString() : null;
        } catch (JacksonException unreadable) {
            name = null;
        }
        if (name == null) {
            throw new ModelLoadException("XGBoost legacy binary model: its objective's saved configuration is not a "
                    + "JSON object with a name: " + new String(saved.value(), StandardCharsets.UTF_8));
        }
        if (!name.equals(OBJECTIVE_ALIASES.getOrDefault(objective, objective))) {
            throw new ModelLoadException("XGBoost legacy binary model names its objective '" + objective
                    + "' but saved the configuration of '" + name + "'");
        }
        if (!OBJECTIVES.contains(name)) {
            throw new ModelLoadException("XGBoost legacy binary model has objective '" + name
                    + "', which this translation is not verified for; verified: " + String.join(", ",
                    OBJECTIVES.stream().sorted().toList()) + ". Re-save the model with save_model('model.json') "
                    + "under XGBoost 1.x instead");
        }
        return saved.value();
    }

    /** The model as XGBoost 1.7's {@code Learner::SaveModel} writes JSON, in its key order. */
    byte[] toJson() {
        JsonBytes json = new JsonBytes();
        json.raw("{").key("learner").raw("{").key("attributes").raw("{");
        for (int i = 0; i < attributes.size(); i++) {
            json.raw(i == 0 ? "" : ",").string(attributes.get(i).key()).raw(":").string(attributes.get(i).value());
        }
        // The binary format has no feature names or types (they came with 1.4's JSON).
        json.raw("},").key("feature_names").raw("[],").key("feature_types").raw("[],");
        json.key("gradient_booster").raw("{").key("model");
        booster.writeJson(json);
        json.raw(",").key("name").string("gbtree").raw("},");
        json.key("learner_model_param");
        learner.writeJson(json);
        json.raw(",").key("objective").raw(objectiveConfig);
        // The version that saved the file, which XGBoost reads to decide how to treat an old model. The binary
        // keeps no patch number.
        json.raw("},").key("version").raw("[").number(learner.majorVersion()).raw(",")
                .number(learner.minorVersion()).raw(",0]}");
        return json.toByteArray();
    }

    /**
     * What the version gate keys a legacy file on: major.minor, since the format records no patch number, and the
     * objective its saved configuration names (checked by {@link #read}).
     */
    XGBoostVersion written() {
        return new XGBoostVersion(learner.majorVersion() + "." + learner.minorVersion(),
                JSON.readTree(objectiveConfig).path("name").asString());
    }

    /** How the model was found, for the model's description. */
    String describe() {
        return "XGBoost " + learner.majorVersion() + "." + learner.minorVersion()
                + " legacy binary model translated to JSON";
    }

    /** One of the learner's string attributes ({@code std::vector<std::pair<std::string, std::string>>}). */
    record Attribute(byte[] key, byte[] value) {

        static List<Attribute> readAll(LegacyBinaryInput in) {
            // Each pair is at least two 8-byte lengths.
            int count = in.count("the attributes", 2 * Long.BYTES);
            List<Attribute> attributes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                attributes.add(new Attribute(in.string("attribute " + i + "'s name"),
                        in.string("attribute " + i + "'s value")));
            }
            return attributes;
        }

        boolean named(String name) {
            return Arrays.equals(key, name.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
