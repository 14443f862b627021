package dev.switchboard.sea.codec;

/** The per-session facts that change how a frame is parsed (§2.4, §5.1). */
public interface SeaDecodeContext {

    /** The sender's current version byte (signed, §4.1); 0 before any #4. */
    byte version();

    /** Whether strict mode is on right now (it can be changed at run time). */
    boolean strict();
}
