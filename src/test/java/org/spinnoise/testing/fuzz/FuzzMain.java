package org.spinnoise.testing.fuzz;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The entry point {@code bin/fuzz} hands Jazzer's command-line driver, which fuzzes one static
 * {@code fuzzerTestOneInput(byte[])}: it calls the {@code @FuzzTest} method named by the system property
 * {@code spinnoise.fuzz.target} ({@code org.spinnoise.scpi.ScpiReplyFuzzTest#blockData}), so the long runs and the
 * suite's replay share one target and one oracle.
 */
public final class FuzzMain {
    private static Object instance;
    private static Method target;

    private FuzzMain() {
    }

    /**
     * Called by Jazzer once before fuzzing, outside the per-input timeout: finds the target and runs it on an empty
     * input, so loading and instrumenting the classes it uses (seconds on a busy machine) is not taken for a hang.
     */
    public static void fuzzerInitialize() throws Throwable {
        String spec = System.getProperty("spinnoise.fuzz.target", "");
        int hash = spec.indexOf('#');
        if (hash < 0) {
            throw new IllegalStateException("set -Dspinnoise.fuzz.target=<class>#<method>, got '" + spec + "'");
        }
        try {
            Class<?> type = Class.forName(spec.substring(0, hash));
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            instance = constructor.newInstance();
            target = type.getDeclaredMethod(spec.substring(hash + 1), byte[].class);
            target.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no fuzz target " + spec + ": " + e, e);
        }
        fuzzerTestOneInput(new byte[0]);
    }

    /** One input for the target; what it throws is the finding. */
    public static void fuzzerTestOneInput(byte[] input) throws Throwable {
        try {
            target.invoke(instance, (Object) input);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
