package io.livelink.commons.personaldata;

/** Phone numbers are personal data: lists show them masked, like 138****5678. */
public final class Phones {

    private Phones() {}

    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < 7) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3)
                + "*".repeat(digits.length() - 7)
                + digits.substring(digits.length() - 4);
    }
}
