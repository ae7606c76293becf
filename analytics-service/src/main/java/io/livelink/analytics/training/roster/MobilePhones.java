package io.livelink.analytics.training.roster;

import java.util.Optional;

/** Mainland mobile numbers: 11 digits starting 13–19, optionally written with +86 and spaces. */
public final class MobilePhones {

    private MobilePhones() {}

    public static String normalise(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        return digits;
    }

    public static Optional<String> problem(String normalised) {
        if (normalised == null || normalised.isEmpty()) {
            return Optional.of("is required");
        }
        if (!normalised.matches("1[3-9]\\d{9}")) {
            return Optional.of("must be a mainland mobile number of 11 digits starting 13–19");
        }
        return Optional.empty();
    }
}
