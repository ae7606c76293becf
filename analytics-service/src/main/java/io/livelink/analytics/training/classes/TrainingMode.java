package io.livelink.analytics.training.classes;

/** How a class is trained; only live training counts towards the subsidy for now. */
public enum TrainingMode {
    LIVE,
    /** Listed by the platform as "not yet open" (待开放): classes cannot use it. */
    ON_DEMAND
}
