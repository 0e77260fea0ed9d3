package dev.timpani.hooks;

import dev.timpani.testing.ModernPython;

/** {@link ChatHooksTest}'s cases with the workers on a venv of today's releases: completions and streams. */
@ModernPython
class ChatHooksOnModernPythonTest extends ChatHooksTest {
}
