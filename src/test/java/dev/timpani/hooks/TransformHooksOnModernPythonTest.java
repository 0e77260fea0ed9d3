package dev.timpani.hooks;

import dev.timpani.testing.ModernPython;

/**
 * {@link TransformHooksTest}'s cases with the workers on a venv of today's releases: transform models, csv and
 * sparse.
 */
@ModernPython
class TransformHooksOnModernPythonTest extends TransformHooksTest {
}
