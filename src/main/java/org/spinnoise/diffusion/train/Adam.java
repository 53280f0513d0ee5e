package org.spinnoise.diffusion.train;

/**
 * The Adam optimizer (Kingma and Ba 2015) over one flat parameter vector: first and second moment estimates with
 * bias correction, θ ← θ − lr · m̂ / (√v̂ + ε). Its whole state (the two moment vectors and the step count) can be
 * taken out and put back, so a checkpointed run resumes on exactly the same trajectory.
 */
public final class Adam {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private long steps;

    public Adam(int parameters, double learningRate, double beta1, double beta2, double epsilon) {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs learning rate > 0, 0 <= beta1, beta2 < 1 and epsilon > 0; got "
                    + learningRate + ", " + beta1 + ", " + beta2 + ", " + epsilon);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.firstMoment = new float[parameters];
        this.secondMoment = new float[parameters];
    }

    /** Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e−8. */
    public static Adam withLearningRate(int parameters, double learningRate) {
        return new Adam(parameters, learningRate, 0.9, 0.999, 1e-8);
    }

    /** One update of {@code parameters} in place from {@code gradient}. */
    public void update(float[] parameters, float[] gradient) {
        if (parameters.length != firstMoment.length || gradient.length != firstMoment.length) {
            throw new IllegalArgumentException("Adam was made for " + firstMoment.length + " parameters, got "
                    + parameters.length + " parameters and " + gradient.length + " gradients");
        }
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        // Folding both bias corrections into the step size saves two divisions per parameter.
        double stepSize = learningRate * Math.sqrt(correction2) / correction1;
        double epsilonScaled = epsilon * Math.sqrt(correction2);
        for (int i = 0; i < parameters.length; i++) {
            double g = gradient[i];
            double m = beta1 * firstMoment[i] + (1 - beta1) * g;
            double v = beta2 * secondMoment[i] + (1 - beta2) * g * g;
            firstMoment[i] = (float) m;
            secondMoment[i] = (float) v;
            parameters[i] -= (float) (stepSize * m / (Math.sqrt(v) + epsilonScaled));
        }
    }

    public double learningRate() {
        return learningRate;
    }

    /** Updates made so far. */
    public long steps() {
        return steps;
    }

    /** The live first-moment vector, for checkpoints. */
    public float[] firstMoment() {
        return firstMoment;
    }

    /** The live second-moment vector, for checkpoints. */
    public float[] secondMoment() {
        return secondMoment;
    }

    /** Puts back a state taken from a checkpoint. */
    public void restore(float[] first, float[] second, long updates) {
        if (first.length != firstMoment.length || second.length != secondMoment.length || updates < 0) {
            throw new IllegalArgumentException("Adam state for " + first.length + " parameters does not fit an optimizer for "
                    + firstMoment.length);
        }
        System.arraycopy(first, 0, firstMoment, 0, first.length);
        System.arraycopy(second, 0, secondMoment, 0, second.length);
        this.steps = updates;
    }
}
