package dev.switchboard.core.metrics;

/**
 * A constant that names itself as a meter tag value: enums of reasons, kinds and outcomes implement it, so every
 * tag value comes from a closed set and series counts stay bounded whatever the traffic.
 */
public interface MeterTag {

    /** The tag value, lower case with dashes or underscores, fixed for the life of the constant. */
    String tag();
}
