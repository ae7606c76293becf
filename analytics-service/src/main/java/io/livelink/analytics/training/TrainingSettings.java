package io.livelink.analytics.training;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Training classes (issue 6): codes, personal-data keys, attendance and report uploads. */
@ConfigMapping(prefix = "livelink.training")
public interface TrainingSettings {

    /** The two letters class codes start with, e.g. BJ for BJ-2026-000021. */
    @WithDefault("BJ")
    String classCodePrefix();

    /**
     * Base64 of 32 random bytes: encrypts ID numbers, phones and platform secrets (AES-256-GCM) and
     * keys the pseudonymous member ids of students. No default: it is a secret.
     */
    String personalDataKey();

    /** After a course's end plus this, its attendance is final and "update" leaves it alone. */
    @WithDefault("PT30M")
    Duration attendanceGrace();

    /**
     * A TrueType font (.ttf, .otf or .ttc) with CJK glyphs for certificates; when absent the usual
     * system locations (WenQuanYi, Noto CJK) are tried.
     */
    Optional<String> certificateFont();

    Upload upload();

    /** Report uploads to the management platform. */
    interface Upload {
        @WithDefault("PT1S")
        Duration firstRetry();

        @WithDefault("PT10M")
        Duration maxRetry();

        @WithDefault("30")
        int maxAttempts();

        @WithDefault("PT10S")
        Duration timeout();

        /** How often the sender looks for due uploads (read by its {@code @Scheduled}). */
        @WithDefault("1s")
        String pollInterval();
    }
}
