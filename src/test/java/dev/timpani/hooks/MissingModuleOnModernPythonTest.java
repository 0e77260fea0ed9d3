package dev.timpani.hooks;

import dev.timpani.testing.ModernPython;

/**
 * {@link MissingModuleTest}'s cases with the workers on a venv of today's releases: a module the venv lacks, named
 * with requirements.txt.
 */
@ModernPython
class MissingModuleOnModernPythonTest extends MissingModuleTest {
}
