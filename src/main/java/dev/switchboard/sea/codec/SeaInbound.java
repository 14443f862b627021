package dev.switchboard.sea.codec;

/** What {@link SeaFrameDecoder} emits: a delimited frame, or the reason no frame could be delimited. */
public sealed interface SeaInbound permits SeaFrame, MalformedFrame {
}
