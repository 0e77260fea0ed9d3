package dev.timpani.loaders.xgboost;

import dev.timpani.model.ModelLoadException;

/**
 * The learner's parameters at the head of a legacy binary model, {@code LearnerModelParamLegacy} (src/learner.cc,
 * 136 bytes in every 1.x release): base_score, num_feature, num_class, contain_extra_attrs, contain_eval_metrics,
 * major_version, minor_version, then fields later releases took from the reserved space: num_target (1.6),
 * boost_from_average (1.7).
 */
record LegacyLearnerParam(float baseScore, long numFeature, int numClass, boolean hasAttributes, int majorVersion,
                          int minorVersion, int numTarget, int boostFromAverage) {

    private static final int LAST_MINOR = 7;

    static LegacyLearnerParam read(LegacyBinaryInput in) {
        float baseScore = in.float32("base_score");
        long numFeature = Integer.toUnsignedLong(in.int32("num_feature"));
        int numClass = in.int32("num_class");
        boolean hasAttributes = in.int32("contain_extra_attrs") != 0;
        in.int32("contain_eval_metrics"); // only says whether a "metrics" attribute is there
        int major = in.int32("major_version");
        int minor = in.int32("minor_version");
        int numTarget = in.int32("num_target");
        int boostFromAverage = in.int32("boost_from_average");
        in.skip(25 * Integer.BYTES, "the learner's reserved fields");
        checkVersion(major, minor);
        if (numClass < 0) {
            throw new ModelLoadException("Corrupt XGBoost legacy binary model: num_class is " + numClass);
        }
        if (!Float.isFinite(baseScore)) {
            // XGBoost 3 checks the intercept it estimates for being finite (LearnerModelParamLegacy::Validate).
            throw new ModelLoadException("XGBoost legacy binary model has base_score " + baseScore
                    + "; it must be a finite number");
        }
        if (minor >= 6 && numTarget != 1) {
            // Multi-target regression (1.6+) is not verified against XGBoost 1.7.4: the generated models have one.
            throw new ModelLoadException("XGBoost legacy binary model has " + numTarget
                    + " targets; only single-target models can be translated");
        }
        return new LegacyLearnerParam(baseScore, numFeature, numClass, hasAttributes, major, minor, numTarget,
                boostFromAverage);
    }

    private static void checkVersion(int major, int minor) {
        if (major == 0 && minor == 0) {
            // LearnerImpl::LoadModel (1.7.4) handles these separately: base_score saved after the link
            // function, no objective configuration.
            throw new ModelLoadException("XGBoost legacy binary model was saved by XGBoost before 1.0; "
                    + "only models saved by 1.0 to 1.7 can be translated. Re-save it as JSON with XGBoost 1.x");
        }
        if (major != 1 || minor < 0 || minor > LAST_MINOR) {
            throw new ModelLoadException("XGBoost legacy binary model says it was saved by XGBoost "
                    + Integer.toUnsignedString(major) + "." + Integer.toUnsignedString(minor)
                    + "; only models saved by 1.0 to 1." + LAST_MINOR + " can be translated");
        }
    }

    /**
     * As {@code LearnerModelParamLegacy::ToJson} writes it: every value a string. A field the saving release
     * did not have yet is left out, as that release's own JSON left it out, so XGBoost applies the same
     * default to both.
     */
    void writeJson(JsonBytes json) {
        json.raw("{").key("base_score").string(Float.toString(baseScore));
        if (minorVersion >= 7) {
            json.raw(",").key("boost_from_average").string(Integer.toString(boostFromAverage));
        }
        json.raw(",").key("num_class").string(Integer.toString(numClass))
                .raw(",").key("num_feature").string(Long.toString(numFeature));
        if (minorVersion >= 6) {
            json.raw(",").key("num_target").string(Integer.toString(numTarget));
        }
        json.raw("}");
    }

    int outputGroups() {
        return Math.max(numClass, 1);
    }
}
