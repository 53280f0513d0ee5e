package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spinnoise.diffusion.model.BuiltInModel;

/**
 * The built-in U-Net exported by {@link UNetOnnxExport} and run by ONNX Runtime predicts the noise the Java forward
 * pass predicts, on the built-in weights, for a batch of four images at timesteps 999, 500, 37 and 0 and for one
 * image alone (the batch dimension is free): max abs diff below 1e-4 (under 1e-5 measured: float reassociation).
 */
class UNetOnnxExportTest {

    @Test
    void onnxRuntimeOnTheExportEqualsTheJavaForward() throws Exception {
        float[] params = BuiltInModel.load().denoiser().parameters();
        UNet net = new UNet(UNetConfig.fashionMnist());
        byte[] model = UNetOnnxExport.export(net, params);
        int[] timesteps = UNetForwardEquivalenceTest.TIMESTEPS;
        float[] images = UNetForwardEquivalenceTest.images(timesteps.length);
        float[] java = net.forward(params, new Tensor(images.clone(), 1, timesteps.length, 28, 28), timesteps,
                Kernels.best(), null).data();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options)) {
                float[] onnx = run(env, session, images, timesteps);
                double diff = UNetForwardEquivalenceTest.maxAbsDiff(onnx, java);
                assertTrue(diff < 1e-4, "ONNX Runtime vs Java forward, batch 4: max abs diff " + diff);
                float[] one = run(env, session, Arrays.copyOfRange(images, 784, 2 * 784), new int[] {timesteps[1]});
                double oneDiff = UNetForwardEquivalenceTest.maxAbsDiff(one, Arrays.copyOfRange(java, 784, 2 * 784));
                assertTrue(oneDiff < 1e-4, "ONNX Runtime vs Java forward, batch 1: max abs diff " + oneDiff);
                assertArrayEquals(new long[] {-1, 1, 28, 28}, ((ai.onnxruntime.TensorInfo) session.getOutputInfo()
                        .get(UNetOnnxExport.NOISE).getInfo()).getShape());
            }
        }
    }

    static float[] run(OrtEnvironment env, OrtSession session, float[] images, int[] timesteps) throws Exception {
        long[] steps = Arrays.stream(timesteps).asLongStream().toArray();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(images),
                new long[] {timesteps.length, 1, 28, 28});
             OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(steps), new long[] {timesteps.length});
             OrtSession.Result result = session.run(Map.of(UNetOnnxExport.IMAGES, x, UNetOnnxExport.TIMESTEPS, t))) {
            return ((OnnxTensor) result.get(0)).getFloatBuffer().array();
        }
    }
}
