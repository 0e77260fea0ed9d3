package dev.timpani.cli;

import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * DRUM flags of {@code score} and {@code server} for features Timpani does not have. They are accepted so a DRUM
 * command line still parses, and each says plainly what happens instead: ignored where DRUM itself ignores it for
 * an inference model, a failure where serving without it would serve something other than what was asked.
 */
class UnsupportedOptions {

    @Option(names = "--gpu-predictor", description = "DRUM's GPU predictors (nim, triton, vllm): not supported")
    String gpuPredictor;

    @Option(names = "--sidecar", description = "DRUM as a GPU predictor's sidecar: not supported (ignored without "
            + "--gpu-predictor, as in DRUM)")
    boolean sidecar;

    @Option(names = "--user-secrets-mount-path", description = "Secrets for custom task classes (drum fit): ignored")
    String userSecretsMountPath;

    @Option(names = "--user-secrets-prefix", description = "Secrets for custom task classes (drum fit): ignored")
    String userSecretsPrefix;

    /** Fails for a flag that cannot be honoured; warns on {@code err} for one that is ignored. */
    void refuse(PrintStream err) {
        if (gpuPredictor != null) {
            throw new CommandFailedException("--gpu-predictor " + gpuPredictor + " is not supported: Timpani does not "
                    + "run DRUM's GPU predictors (NIM, Triton, vLLM). Serve the model folder without it, or use DRUM.");
        }
        if (sidecar) {
            err.println("WARNING: --sidecar is ignored: it only applies to DRUM's GPU predictors, which Timpani "
                    + "does not run.");
        }
        if (userSecretsMountPath != null || userSecretsPrefix != null) {
            // DRUM hands these secrets only to custom task classes loaded by `drum fit`, never to inference hooks.
            err.println("WARNING: --user-secrets-mount-path / --user-secrets-prefix are ignored: DRUM gives user "
                    + "secrets only to custom task classes (drum fit), and Timpani serves inference models.");
        }
    }
}
