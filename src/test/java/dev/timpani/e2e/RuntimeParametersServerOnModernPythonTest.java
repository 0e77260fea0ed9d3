package dev.timpani.e2e;

import dev.timpani.testing.ModernPython;

/**
 * {@link RuntimeParametersServerTest}'s cases with the workers on a venv of today's releases: runtime parameters
 * through the datarobot_drum shim.
 */
@ModernPython
class RuntimeParametersServerOnModernPythonTest extends RuntimeParametersServerTest {
}
