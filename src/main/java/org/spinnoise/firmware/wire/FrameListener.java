package org.spinnoise.firmware.wire;

/** Receives every frame the {@link FrameDecoder} delimits, good or corrupt, in wire order. */
@FunctionalInterface
public interface FrameListener {
    /**
     * One frame. The view and its buffer are reused for the next frame: copy what must outlive this call.
     *
     * @param frame the frame; {@link Frame#status()} says whether it is good and, if not, what is wrong with it
     */
    void frame(Frame frame);
}
