package io.livelink.analytics.training.roster;

/** 未激活 / 已激活: an activated student's record is fixed, as the platform requires. */
public enum StudentStatus {
    NOT_ACTIVATED,
    ACTIVATED
}
