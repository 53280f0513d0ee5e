package org.spinnoise.diffusion.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.spinnoise.diffusion.Denoiser;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.NoiseSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's ε-prediction network exported to ONNX, run through ONNX Runtime on the CPU: a {@link Denoiser} like the
 * built-in U-Net, so every sampler and every command that samples takes it. Opening it checks the model's declared
 * inputs and outputs ({@link OnnxSignature}) and reads its noise schedule ({@link OnnxSchedule}); each call then
 * feeds the batch (in pieces when the model's batch dimension is fixed) and checks the shape of what comes back.
 * Holds a native session: close it.
 */
public final class OnnxDenoiser implements Denoiser, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxDenoiser.class);

    private final Path file;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final OnnxSignature signature;
    private final OnnxSchedule.Resolved schedule;
    private final String description;

    private OnnxDenoiser(Path file, OrtEnvironment environment, OrtSession session, OnnxSignature signature,
                         OnnxSchedule.Resolved schedule, String description) {
        this.file = file;
        this.environment = environment;
        this.session = session;
        this.signature = signature;
        this.schedule = schedule;
        this.description = description;
    }

    /** Opens the model in {@code file}; {@code override} is the user's schedule, if any. */
    public static OnnxDenoiser open(Path file, ScheduleOverride override) throws OnnxModelException {
        if (!Files.isRegularFile(file)) {
            throw new OnnxModelException("ONNX model " + file + " does not exist: give --checkpoint the .onnx file "
                    + "your export wrote");
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            session = environment.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new OnnxModelException(file + " is not an ONNX model ONNX Runtime can load (" + firstLine(e)
                    + "): export it again with torch.onnx.export", e);
        }
        try {
            Map<String, String> metadata = session.getMetadata().getCustomMetadata();
            OnnxSignature signature = OnnxSignature.of(file, session.getInputInfo(), session.getOutputInfo(), metadata);
            OnnxSchedule.Resolved schedule = OnnxSchedule.resolve(file, metadata, override);
            String description = metadata.getOrDefault(OnnxMetadata.DESCRIPTION, "");
            LOG.info("ONNX model {}: images {} ({}), timesteps '{}' {} rank {}, output '{}', batch {}, schedule {} from {}",
                    file, signature.shape(), signature.imageInput(), signature.timestepInput(),
                    signature.timestepType(), signature.timestepRank(), signature.output(),
                    signature.fixedBatch() == 0 ? "dynamic" : signature.fixedBatch(), schedule.schedule(),
                    schedule.source());
            return new OnnxDenoiser(file, environment, session, signature, schedule, description);
        } catch (OrtException | OnnxModelException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof OnnxModelException m) {
                throw m;
            }
            throw new OnnxModelException(file + ": ONNX Runtime could not describe its inputs and outputs ("
                    + firstLine(e) + ")", e);
        }
    }

    @Override
    public ImageShape shape() {
        return signature.shape();
    }

    /** The schedule the sampler must use, from the user's options, the model's metadata or the default. */
    public NoiseSchedule schedule() {
        return schedule.schedule();
    }

    /** Where {@link #schedule()} came from, e.g. "the model's metadata". */
    public String scheduleSource() {
        return schedule.source();
    }

    /** The inputs and output the model is fed and read through. */
    public OnnxSignature signature() {
        return signature;
    }

    /** The model's own description from its metadata, or empty. */
    public String description() {
        return description;
    }

    @Override
    public void predictNoise(float[] x, int batch, int[] timesteps, float[] epsOut) {
        int values = signature.shape().values();
        int piece = signature.fixedBatch() == 0 ? batch : signature.fixedBatch();
        for (int start = 0; start < batch; start += piece) {
            int count = Math.min(piece, batch - start);
            if (count == piece) {
                run(x, start, piece, timesteps, start, epsOut, start * values);
            } else {
                // A fixed batch the images do not fill: pad the last piece with copies of its first image and keep
                // only the real images' noise (an exported network in eval mode treats each image on its own).
                float[] padded = new float[piece * values];
                int[] paddedSteps = new int[piece];
                for (int i = 0; i < piece; i++) {
                    int from = start + Math.min(i, count - 1);
                    System.arraycopy(x, from * values, padded, i * values, values);
                    paddedSteps[i] = timesteps[from];
                }
                float[] eps = new float[piece * values];
                run(padded, 0, piece, paddedSteps, 0, eps, 0);
                System.arraycopy(eps, 0, epsOut, start * values, count * values);
            }
        }
    }

    /** Runs {@code count} images from image {@code start} of {@code x}; writes their noise at {@code outOffset}. */
    private void run(float[] x, int start, int count, int[] timesteps, int stepStart, float[] epsOut, int outOffset) {
        int values = signature.shape().values();
        long[] imageDims = {count, shape().channels(), shape().height(), shape().width()};
        try (OnnxTensor images = OnnxTensor.createTensor(environment,
                FloatBuffer.wrap(x, start * values, count * values).slice(), imageDims);
             OnnxTensor steps = timestepTensor(timesteps, stepStart, count);
             OrtSession.Result result = session.run(Map.of(signature.imageInput(), images,
                     signature.timestepInput(), steps), Set.of(signature.output()))) {
            OnnxValue value = result.get(0);
            long[] got = value instanceof OnnxTensor t ? t.getInfo().getShape() : null;
            if (got == null || !Arrays.equals(got, imageDims)) {
                throw new IllegalStateException(file + ": output '" + signature.output() + "' came back "
                        + (got == null ? value.getInfo().toString() : Arrays.toString(got)) + " for images "
                        + Arrays.toString(imageDims) + ": an ε-network returns noise shaped like its input");
            }
            ((OnnxTensor) value).getFloatBuffer().get(epsOut, outOffset, count * values);
        } catch (OrtException e) {
            throw new IllegalStateException(file + " failed on a batch of " + count + " at timestep "
                    + timesteps[stepStart] + ": " + firstLine(e), e);
        }
    }

    private OnnxTensor timestepTensor(int[] timesteps, int start, int count) throws OrtException {
        long[] dims;
        if (signature.timestepRank() == 0) {
            for (int i = start + 1; i < start + count; i++) {
                if (timesteps[i] != timesteps[start]) {
                    throw new IllegalArgumentException(file + " takes one timestep for the whole batch (input '"
                            + signature.timestepInput() + "' is a scalar), but the batch mixes " + timesteps[start]
                            + " and " + timesteps[i]);
                }
            }
            dims = new long[0];
            count = 1;
        } else {
            dims = new long[]{count};
        }
        return switch (signature.timestepType()) {
            case INT64 -> {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = timesteps[start + i];
                }
                yield OnnxTensor.createTensor(environment, LongBuffer.wrap(v), dims);
            }
            case INT32 -> OnnxTensor.createTensor(environment, IntBuffer.wrap(Arrays.copyOfRange(timesteps, start,
                    start + count)), dims);
            case FLOAT -> {
                float[] v = new float[count];
                for (int i = 0; i < count; i++) {
                    v[i] = timesteps[start + i];
                }
                yield OnnxTensor.createTensor(environment, FloatBuffer.wrap(v), dims);
            }
            case DOUBLE -> {
                double[] v = new double[count];
                for (int i = 0; i < count; i++) {
                    v[i] = timesteps[start + i];
                }
                yield OnnxTensor.createTensor(environment, DoubleBuffer.wrap(v), dims);
            }
            default -> throw new IllegalStateException("timestep type " + signature.timestepType()
                    + " passed the signature check");
        };
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing an ONNX Runtime session: {}", e.getMessage());
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage()).strip();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    @Override
    public String toString() {
        return "ONNX model " + file;
    }
}
