package dev.timpani.hooks;

import dev.timpani.testing.ModernPython;

/**
 * {@link HookWorkerFaultsTest}'s cases with the workers on a venv of today's releases: dying, hanging and printing
 * hooks, DRUM's checks of what they return.
 */
@ModernPython
class HookWorkerFaultsOnModernPythonTest extends HookWorkerFaultsTest {
}
