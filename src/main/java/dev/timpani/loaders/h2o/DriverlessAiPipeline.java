package dev.timpani.loaders.h2o;

import dev.timpani.model.ModelLoadException;

/**
 * Driverless AI's MOJO scoring pipelines ({@code pipeline.mojo}) are not H2O-3 MOJOs: only H2O's licensed MOJO2
 * runtime reads them, and this build neither ships nor drives it.
 */
final class DriverlessAiPipeline {

    /** The MOJO2 runtime's entry point ({@code ai.h2o:mojo2-runtime-api}). */
    static final String RUNTIME_CLASS = "ai.h2o.mojos.runtime.MojoPipelineService";

    private DriverlessAiPipeline() {
    }

    static ModelLoadException unsupported(String fileName) {
        if (!runtimePresent()) {
            return new ModelLoadException(fileName + " is a Driverless AI MOJO scoring pipeline, which only H2O's "
                    + "licensed MOJO2 runtime can score: add mojo2-runtime.jar (ai.h2o:mojo2-runtime-api and "
                    + "ai.h2o:mojo2-runtime-impl) to the classpath and provide a Driverless AI license "
                    + "(DRIVERLESS_AI_LICENSE_FILE or -Dai.h2o.mojos.runtime.license.file)");
        }
        return new ModelLoadException(fileName + " is a Driverless AI MOJO scoring pipeline; the MOJO2 runtime is on "
                + "the classpath, but Timpani does not score pipelines with it yet. Export an H2O-3 MOJO (.zip) "
                + "instead, or serve the pipeline with DRUM");
    }

    private static boolean runtimePresent() {
        try {
            Class.forName(RUNTIME_CLASS, false, DriverlessAiPipeline.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
