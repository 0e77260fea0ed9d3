package dev.timpani.e2e;

import dev.timpani.testing.ModernPython;

/**
 * {@link OnnxWithCustomPyTest}'s cases with the workers on a venv of today's releases: where onnxruntime is
 * installed, so the worker's ONNX predictor serves the corpus' .onnx beside a custom.py.
 */
@ModernPython
class OnnxWithCustomPyOnModernPythonTest extends OnnxWithCustomPyTest {
}
