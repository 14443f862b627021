package dev.switchboard.sea.service;

import dev.switchboard.core.metrics.MeterTag;

/** Who a MESSAGE went to (§9): the {@code kind} of the SEA message meters. */
public enum SeaMessageKind implements MeterTag {
    GROUP("group"),
    PRIVATE("private"),
    PRINTERS("printers");

    private final String tag;

    SeaMessageKind(String tag) {
        this.tag = tag;
    }

    @Override
    public String tag() {
        return tag;
    }
}
