package dev.timpani.e2e;

import dev.timpani.testing.ModernPython;

/**
 * {@link UnstructuredMultipartTest}'s cases with the workers on a venv of today's releases: multipart unstructured
 * requests.
 */
@ModernPython
class UnstructuredMultipartOnModernPythonTest extends UnstructuredMultipartTest {
}
