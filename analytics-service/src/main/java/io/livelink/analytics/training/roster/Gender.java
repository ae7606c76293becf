package io.livelink.analytics.training.roster;

import java.util.Locale;
import java.util.Optional;

public enum Gender {
    MALE("男"),
    FEMALE("女");

    private final String chinese;

    Gender(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** MALE/FEMALE in any case, M/F, or 男/女 as the platform's templates write them. */
    public static Optional<Gender> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        for (Gender g : values()) {
            if (g.name().equalsIgnoreCase(t)
                    || g.chinese.equals(t)
                    || g.name().substring(0, 1).equals(t.toUpperCase(Locale.ROOT))) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
