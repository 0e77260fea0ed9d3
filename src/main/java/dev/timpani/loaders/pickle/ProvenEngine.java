package dev.timpani.loaders.pickle;

/**
 * The engine a pickle loaded here is scored by, as the differential proof names it (bench/exactness): its tables
 * ({@code proven.tsv}) and tolerances ({@code ExactnessProofTest.tolerance}) are per family, version and engine, read
 * from the words each reader puts in the model's description. One place, so that the proof and the gate can never
 * name a model's engine differently.
 */
final class ProvenEngine {

    private ProvenEngine() {
    }

    static String of(String description) {
        if (description.contains("compiled linear evaluator")) {
            return "linear";
        }
        if (description.contains(CompiledTrees.SOFTMAX_EVALUATOR)) {
            return "compiled-numpy-exp";
        }
        if (description.contains("compiled float64 evaluator")) {
            return "float64";
        }
        if (description.contains("exp of the log link")) {
            return SkLearnHistGradientBoosting.LOG_LINK_ENGINE;
        }
        if (description.contains("compiled")) {
            return "compiled";
        }
        return description.contains("JPMML") ? "jpmml" : "xgboost4j";
    }
}
