package dev.timpani.e2e;

import dev.timpani.testing.ModernPython;

/**
 * {@link UnstructuredCorpusTest}'s cases with the workers on a venv of today's releases: the corpus' unstructured
 * models.
 */
@ModernPython
class UnstructuredCorpusOnModernPythonTest extends UnstructuredCorpusTest {
}
