package org.spinnoise.diffusion.onnx;

import java.io.IOException;

/**
 * An ONNX model file that spinnoise cannot sample with: unreadable, or declaring inputs, outputs or metadata that do
 * not fit an ε-prediction network. The message is one line naming the file, what it declares, what spinnoise needs and
 * what to do.
 */
public final class OnnxModelException extends IOException {
    public OnnxModelException(String message) {
        super(message);
    }

    public OnnxModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
