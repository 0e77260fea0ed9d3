package dev.timpani.e2e;

import dev.timpani.testing.ModernPython;

/**
 * {@link TextPredictionsTest}'s cases with the workers on a venv of today's releases: text predictions (pandas 3's
 * str dtype).
 */
@ModernPython
class TextPredictionsOnModernPythonTest extends TextPredictionsTest {
}
