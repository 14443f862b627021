package dev.switchboard.bridge.service;

import dev.switchboard.core.metrics.MeterTag;

/** What the bridge counts; the Micrometer implementation lives beside the configuration. */
public interface BridgeMetrics {

    BridgeMetrics NONE = new BridgeMetrics() {
    };

    /** Which way a message crossed. */
    enum Direction implements MeterTag {
        SEA_TO_ROOM("sea-to-room"),
        ROOM_TO_SEA("room-to-sea");

        private final String tag;

        Direction(String tag) {
            this.tag = tag;
        }

        @Override
        public String tag() {
            return tag;
        }
    }

    /** What could not be carried across exactly. */
    enum MappingFailure implements MeterTag {
        /** Characters replaced by {@code ?} or U+FFFD. */
        TEXT_REPLACED("text-replaced"),
        /** A name that needed a variant (unmappable or taken). */
        NAME_VARIANT("name-variant"),
        /** Text cut because it needed more room messages than allowed. */
        TEXT_TRUNCATED("text-truncated"),
        /** A message the other side refused (flood hold full, room refused it). */
        REFUSED("refused"),
        /** An identity the other side refused (ban, blacklist, full room, no free ID). */
        IDENTITY_REFUSED("identity-refused");

        private final String tag;

        MappingFailure(String tag) {
            this.tag = tag;
        }

        @Override
        public String tag() {
            return tag;
        }
    }

    default void bridged(Direction direction) {
    }

    default void mappingFailed(MappingFailure failure) {
    }
}
