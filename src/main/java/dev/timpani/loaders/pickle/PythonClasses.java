package dev.timpani.loaders.pickle;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.razorvine.pickle.objects.ClassDict;

/**
 * Every Python class reachable from an unpickled object: the estimator, its pipeline steps and transformers,
 * and the parts they hold (trees, loss functions, label encoders). NumPy's own objects are leaves.
 */
final class PythonClasses {

    private PythonClasses() {
    }

    static Set<String> reachableFrom(Object root) {
        Set<String> classes = new TreeSet<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            if (next == null || !seen.add(next)) {
                continue;
            }
            if (next instanceof ClassDict dict) {
                String name = dict.getClassName();
                classes.add(name);
                if (!name.startsWith("numpy.")) {
                    dict.values().forEach(value -> push(pending, value));
                }
            } else if (next instanceof Map<?, ?> map) {
                map.values().forEach(value -> push(pending, value));
            } else if (next instanceof Iterable<?> items) {
                items.forEach(value -> push(pending, value));
            } else if (next instanceof Object[] items) {
                for (Object item : items) {
                    push(pending, item);
                }
            }
        }
        return classes;
    }

    private static void push(Deque<Object> pending, Object value) {
        if (value != null) {
            pending.push(value);
        }
    }
}
