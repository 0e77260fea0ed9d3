package dev.timpani.loaders.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OrtEnvironment;

/**
 * The process-wide side of DJL: both engines run offline, from the native libraries inside the jars on the class
 * path (ONNX Runtime's own jar; {@code pytorch-native-cpu} linux-x86_64 and {@code pytorch-jni}), which DJL
 * extracts into its engine cache ({@code DJL_CACHE_DIR} / {@code ENGINE_CACHE_DIR}, default {@code ~/.djl.ai}).
 */
final class DjlEngines {

    static final String ONNX_RUNTIME = "OnnxRuntime";
    static final String PYTORCH = "PyTorch";

    private DjlEngines() {
    }

    /**
     * Must run before DJL's {@code Engine} class initialises: offline mode stops DJL from downloading a native
     * library it does not find on the class path, and from "calling home" (an EC2 metadata probe plus a
     * telemetry request) when the first engine is registered. A value the operator set explicitly is kept.
     */
    static synchronized void configure() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        // DJL's ONNX Runtime engine would otherwise load PyTorch (450 MB of natives) as its fallback for NDArray
        // operations ONNX Runtime lacks; scoring ONNX models needs none of them.
        setIfAbsent("ai.djl.onnx.disable_alternative", "true");
    }

    /** ONNX Runtime, initialised through DJL's engine; its environment is the process-wide singleton. */
    static synchronized OrtEnvironment onnxRuntime() {
        configure();
        Engine.getEngine(ONNX_RUNTIME);
        return OrtEnvironment.getEnvironment();
    }

    /**
     * PyTorch with {@code threads} intra-op threads (torch.set_num_threads). PyTorch's thread pools are global:
     * the inter-op size can only be set before the engine starts, the intra-op size is (re)applied per model.
     */
    static synchronized Engine pyTorch(int threads) {
        configure();
        setIfAbsent("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        Engine engine = Engine.getEngine(PYTORCH);
        JniUtils.setNumThreads(threads);
        return engine;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
