package org.spinnoise.diffusion.nn;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * Runs the parts of one piece of work at once: part 0 on the caller's thread, the others on shared daemon workers,
 * returning when all are done. Used both to split a batch across threads ({@link UNetDenoiser}) and to split one
 * layer call across threads when there are fewer images than threads ({@link Kernels#threads()}). A part never
 * waits on another part and the pool grows on demand, so nested use cannot deadlock.
 */
final class Parallel {

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "spinnoise-unet");
        thread.setDaemon(true);
        return thread;
    });

    private Parallel() {
    }

    /** Runs {@code part.accept(p)} for p in [0, parts). */
    static void run(int parts, IntConsumer part) {
        if (parts == 1) {
            part.accept(0);
            return;
        }
        CompletableFuture<?>[] others = new CompletableFuture<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int index = p;
            others[p - 1] = CompletableFuture.runAsync(() -> part.accept(index), WORKERS);
        }
        part.accept(0);
        CompletableFuture.allOf(others).join();
    }

    /** Start of part p when [0, total) is cut into {@code parts} ranges at multiples of {@code align}. */
    static int start(int total, int parts, int p, int align) {
        if (p >= parts) {
            return total;
        }
        long even = (long) total * p / parts;
        return (int) Math.min(total, (even + align / 2) / align * align);
    }
}
