package io.livelink.analytics.training.roster;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The 18-character resident ID number of mainland China (GB 11643-1999): six digits of region, the
 * birth date as yyyyMMdd, three digits of sequence whose last is odd for men and even for women,
 * and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
public final class ResidentIdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ResidentIdNumbers() {}

    /** The number as stored: stripped, with a lower-case x made upper-case. */
    public static String normalise(String idNumber) {
        return idNumber == null ? null : idNumber.strip().toUpperCase(Locale.ROOT);
    }

    /** Why the (normalised) number is not valid, or empty when it is. */
    public static Optional<String> problem(String idNumber, LocalDate today) {
        if (idNumber == null || idNumber.isEmpty()) {
            return Optional.of("is required");
        }
        if (!idNumber.matches("\\d{17}[\\dX]")) {
            return Optional.of("must be 18 characters: 17 digits and a digit or X");
        }
        LocalDate birth;
        try {
            birth =
                    LocalDate.of(
                            Integer.parseInt(idNumber.substring(6, 10)),
                            Integer.parseInt(idNumber.substring(10, 12)),
                            Integer.parseInt(idNumber.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of("holds no valid birth date");
        }
        if (birth.isAfter(today) || birth.getYear() < 1900) {
            return Optional.of("holds an impossible birth date " + birth);
        }
        if (checkCharacter(idNumber) != idNumber.charAt(17)) {
            return Optional.of("fails its check digit");
        }
        return Optional.empty();
    }

    /** The check character of the first 17 digits. */
    public static char checkCharacter(String idNumber) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (idNumber.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public static Gender gender(String validIdNumber) {
        return (validIdNumber.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    /** Shown in lists: only the first and last four characters, e.g. 1101**********123X. */
    public static String mask(String idNumber) {
        if (idNumber == null || idNumber.length() != 18) {
            return "******************";
        }
        return idNumber.substring(0, 4) + "**********" + idNumber.substring(14);
    }
}
