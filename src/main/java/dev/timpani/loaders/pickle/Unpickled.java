package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.objects.ClassDict;
import org.jpmml.python.PickleUtil;
import org.jpmml.python.Storage;
import org.jpmml.python.StorageUtil;
import org.jpmml.sklearn.SkLearnUtil;

/**
 * A pickle ({@code pickle.dump} or {@code joblib.dump}, compressed or not) read back in Java by JPMML-Python's
 * unpickler: scikit-learn classes it knows become JPMML-SkLearn objects, others plain {@link ClassDict}s.
 *
 * @param root      the unpickled object
 * @param className its Python class, {@code module.Name}
 * @param numpyTwo  whether the pickle names {@code numpy._core}, NumPy 2's module ({@link NumpyTwoPickle})
 */
record Unpickled(Object root, String className, boolean numpyTwo) {

    /** NumPy 2 renamed {@code numpy.core} so; its arrays and scalars reduce to {@code numpy._core.multiarray}. */
    private static final String NUMPY_TWO_MODULE = "numpy._core.";

    private static final List<String> ARGUMENT_LOSS_MODULES = List.of("sklearn._loss._loss", "_loss");
    private static final List<String> ARGUMENT_LOSSES = List.of("CyPinballLoss", "CyHuberLoss");

    static Unpickled read(Path artifact) {
        SkLearnUtil.initOnce();
        // Protocol 2 writes Python 3's builtins under their Python 2 module name: a ColumnTransformer's
        // output_indices_ slices come as __builtin__.slice, which JPMML-Python registers only as builtins.slice.
        PickleUtil.getObjectConstructors().computeIfAbsent("__builtin__.slice",
                name -> PickleUtil.getObjectConstructors().get("builtins.slice"));
        // CyPinballLoss(quantile) and CyHuberLoss(delta) pickle as a call with arguments, which the unpickler's
        // default ClassDict constructor refuses; their parameters are never read (the losses' links are the
        // identity), so each becomes a ClassDict of its name (scikit-learn 1.6 names their module _loss).
        for (String module : ARGUMENT_LOSS_MODULES) {
            for (String name : ARGUMENT_LOSSES) {
                PickleUtil.getObjectConstructors().computeIfAbsent(module + "." + name,
                        key -> arguments -> new ClassDict(module, name));
            }
        }
        Object root;
        ModuleMarker numpyTwo = new ModuleMarker(NUMPY_TWO_MODULE);
        try (Storage storage = StorageUtil.createStorage(artifact.toFile())) {
            root = PickleUtil.unpickle(watched(storage, numpyTwo));
        } catch (IOException | RuntimeException unreadable) {
            throw new ModelDeclinedException("JPMML-Python could not unpickle " + artifact.getFileName() + " ("
                    + Messages.of(unreadable) + ")", unreadable);
        }
        return new Unpickled(root, classNameOf(root), numpyTwo.seen());
    }

    /** {@code storage}, its pickle stream (decompressed) read through {@code marker}. */
    private static Storage watched(Storage storage, ModuleMarker marker) {
        return new Storage() {
            @Override
            public InputStream getObject() throws IOException {
                return marker.watch(storage.getObject());
            }

            @Override
            public InputStream getArray(String name) throws IOException {
                return storage.getArray(name);
            }

            @Override
            public void close() throws IOException {
                storage.close();
            }
        };
    }

    static String classNameOf(Object object) {
        if (object instanceof ClassDict dict) {
            return dict.getClassName();
        }
        if (object instanceof Map<?, ?>) {
            return "builtins.dict";
        }
        if (object instanceof List<?> || object instanceof Object[]) {
            return "builtins.list";
        }
        return object == null ? "builtins.NoneType" : object.getClass().getName();
    }

    /** The class name without its module, for messages. */
    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
