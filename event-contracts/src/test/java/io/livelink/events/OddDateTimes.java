package io.livelink.events;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Date-times at and past the edges of the plain ISO form, to hold two readers against each other.
 */
final class OddDateTimes {

    static final List<String> CURATED =
            List.of(
                    "2026-11-21T08:00:00Z",
                    "2026-11-21T08:00:00.1Z",
                    "2026-11-21T08:00:00.123Z",
                    "2026-11-21T08:00:00.123456Z",
                    "2026-11-21T08:00:00.123456789Z",
                    "2026-11-21T08:00:00.1234567891Z",
                    "2026-11-21T08:00:00+08:00",
                    "2026-11-21T08:00:00.5-05:30",
                    "2026-11-21T08:00:00+00:00",
                    "2026-11-21T08:00:00-00:00",
                    "2026-11-21T08:00:00+18:00",
                    "2026-11-21T08:00:00+18:01",
                    "2026-11-21T08:00:00+05:60",
                    "2026-11-21T08:00:00+0800",
                    "2026-11-21T08:00:00+08",
                    "2026-11-21t08:00:00Z",
                    "2026-11-21T08:00:00z",
                    "2026-11-21 08:00:00Z",
                    "2026-11-21T08:00:00",
                    "2026-11-21T08:00Z",
                    "2026-11-21T08:00:00.Z",
                    "2026-11-21T08:00:00,5Z",
                    "2026-11-21T08:00:00ZZ",
                    "2026-11-21T08:00:00Z ",
                    " 2026-11-21T08:00:00Z",
                    "2026-11-21T08:00:00Z\n",
                    "2016-12-31T23:59:60Z",
                    "2026-06-30T23:59:60Z",
                    "2026-11-21T24:00:00Z",
                    "2026-11-21T23:60:00Z",
                    "2026-02-29T00:00:00Z",
                    "2024-02-29T00:00:00Z",
                    "2026-13-01T00:00:00Z",
                    "2026-00-10T00:00:00Z",
                    "2026-11-00T00:00:00Z",
                    "2026-11-31T00:00:00Z",
                    "0000-01-01T00:00:00Z",
                    "0001-01-01T00:00:00Z",
                    "9999-12-31T23:59:59.999999999Z",
                    "9999-12-31T23:59:59-18:00",
                    "+10000-01-01T00:00:00Z",
                    "10000-01-01T00:00:00Z",
                    "-0001-01-01T00:00:00Z",
                    "\uFF12\uFF10\uFF12\uFF16-11-21T08:00:00Z",
                    "",
                    "yesterday",
                    "1700000000",
                    "1700000000.5");

    private static final List<String> VALID =
            List.of(
                    "2026-11-21T08:00:00Z",
                    "2024-02-29T23:59:59.123456789+08:00",
                    "2016-12-31T23:59:59-05:30",
                    "0000-01-01T00:00:00.5Z");

    /** What date-time readers treat specially. */
    private static final String ALPHABET = "0123456789-:T tZz+.,";

    private OddDateTimes() {}

    /** A valid date-time with one to three characters replaced, inserted or deleted. */
    static String random(SplittableRandom random) {
        return TextEdits.edited(VALID.get(random.nextInt(VALID.size())), ALPHABET, random);
    }
}
