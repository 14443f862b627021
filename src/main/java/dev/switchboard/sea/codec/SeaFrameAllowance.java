package dev.switchboard.sea.codec;

/**
 * Asked by {@link SeaFrameDecoder} before it buffers a frame whose body has not fully arrived, so
 * memory held by partial frames can be bounded across connections. The decoder only asks and obeys;
 * what a refusal means for the session (the kill, the log line, the metric) is the caller's business.
 */
public interface SeaFrameAllowance {

    /** Buffers every frame: for codec tests and tools that need no budget. */
    SeaFrameAllowance UNLIMITED = new SeaFrameAllowance() {
        @Override
        public boolean frameStarted(int length) {
            return true;
        }

        @Override
        public void frameCompleted() {
        }
    };

    /**
     * A frame of {@code length} (the {@code L} field) has started and its body is still arriving.
     *
     * @return false to refuse it: the decoder then discards this and every later byte
     */
    boolean frameStarted(int length);

    /** The frame last admitted is complete (or the decoder is going away with it unfinished). */
    void frameCompleted();
}
