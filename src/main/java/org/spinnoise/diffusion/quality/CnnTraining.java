package org.spinnoise.diffusion.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.nn.ConvClassifierNetwork;
import org.spinnoise.diffusion.nn.Kernels;
import org.spinnoise.diffusion.train.Adam;

/**
 * Trains a {@link ConvClassifierNetwork} with Adam, minibatches drawn exactly as {@link ClassifierTraining} draws them
 * (step k's batch from a generator seeded by (seed, k) alone). Each minibatch is split into {@value #PARTS} parts, run
 * on up to as many threads, whose gradients are added in part order, so the same seed gives the same weights on any
 * machine and thread count (with the same kernels); the learning
 * rate falls along a half cosine to a tenth of its start over the run, which settles the weights for the last steps.
 */
public final class CnnTraining {

    /** Where the cosine schedule ends, as a fraction of the starting learning rate. */
    static final double FINAL_RATE_FRACTION = 0.1;

    /** Parts of each minibatch, one per core of the machine the built-in weights were made on. */
    static final int PARTS = 2;

    private CnnTraining() {
    }

    /** Trains from the network's seeded initial weights on {@code threads} threads; returns the trained parameters. */
    public static float[] train(ConvClassifierNetwork net, LabelledImages data, ClassifierTraining.Config config,
                                int threads, ClassifierTraining.Progress progress) {
        if (!data.shape().equals(net.image())) {
            throw new IllegalArgumentException("the classifier takes " + net.image() + " images, the data set has "
                    + data.shape());
        }
        if (threads < 1) {
            throw new IllegalArgumentException("training needs at least one thread, got " + threads);
        }
        Kernels kernels = Kernels.best();
        float[] params = net.initialParameters(config.seed());
        int batch = config.batchSize();
        int parts = Math.min(PARTS, batch);
        float[][] gradients = new float[parts][params.length];
        float[] before = new float[params.length];
        Adam adam = Adam.withLearningRate(params.length, config.learningRate());
        int values = data.shape().values();
        float[] x = new float[batch * values];
        byte[] labels = new byte[batch];
        int helpers = Math.min(threads, parts) - 1;
        ExecutorService workers = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, runnable -> {
            Thread thread = new Thread(runnable, "spinnoise-classifier-training");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (long step = 1; step <= config.steps(); step++) {
                SplittableRandom random = new SplittableRandom(ClassifierTraining.mix(config.seed(), step));
                for (int b = 0; b < batch; b++) {
                    int index = random.nextInt(data.count());
                    data.copyScaled(index, x, b * values);
                    labels[b] = (byte) data.label(index);
                }
                double loss = lossAndGradients(net, params, x, labels, gradients, kernels, workers) / batch;
                for (int p = 1; p < parts; p++) {
                    float[] part = gradients[p];
                    float[] total = gradients[0];
                    for (int i = 0; i < total.length; i++) {
                        total[i] += part[i];
                    }
                }
                System.arraycopy(params, 0, before, 0, params.length);
                adam.update(params, gradients[0]);
                // Adam's step is proportional to its learning rate: scaling the step scales the rate.
                float factor = (float) learningRateFactor(step, config.steps());
                for (int i = 0; i < params.length; i++) {
                    params[i] = before[i] + factor * (params[i] - before[i]);
                }
                progress.stepDone(step, config.steps(), loss);
            }
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
        return params;
    }

    /** The learning rate of step {@code step} (1 … steps) as a fraction of the configured one: 1 down to 0.1. */
    static double learningRateFactor(long step, long steps) {
        double progress = steps == 1 ? 0 : (double) (step - 1) / (steps - 1);
        return FINAL_RATE_FRACTION + (1 - FINAL_RATE_FRACTION) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /**
     * Runs the parts into their gradient arrays, the first on this thread and the others on {@code workers} (or here
     * too when there are none); returns the summed loss.
     */
    private static double lossAndGradients(ConvClassifierNetwork net, float[] params, float[] x, byte[] labels,
                                           float[][] gradients, Kernels kernels, ExecutorService workers) {
        int batch = labels.length;
        int parts = gradients.length;
        int values = net.image().values();
        double scale = 1.0 / batch;
        List<Future<Double>> others = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            int first = (int) ((long) batch * p / parts);
            int count = (int) ((long) batch * (p + 1) / parts) - first;
            float[] images = java.util.Arrays.copyOfRange(x, first * values, (first + count) * values);
            float[] gradient = gradients[p];
            java.util.concurrent.Callable<Double> part = () -> {
                java.util.Arrays.fill(gradient, 0f);
                return net.crossEntropyGradient(params, images, count, labels, first, scale, gradient, kernels);
            };
            others.add(workers == null ? java.util.concurrent.CompletableFuture.completedFuture(call(part))
                    : workers.submit(part));
        }
        java.util.Arrays.fill(gradients[0], 0f);
        int count = batch / parts;
        double loss = net.crossEntropyGradient(params, x, count, labels, 0, scale, gradients[0], kernels);
        for (Future<Double> other : others) {
            try {
                loss += other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("classifier training was interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a classifier training thread failed: " + e.getCause(), e.getCause());
            }
        }
        return loss;
    }

    private static double call(java.util.concurrent.Callable<Double> part) {
        try {
            return part.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
