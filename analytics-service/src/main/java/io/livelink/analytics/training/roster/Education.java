package io.livelink.analytics.training.roster;

import java.util.Arrays;
import java.util.Optional;

/** Education levels (文化程度) as the management platform lists them. */
public enum Education {
    PRIMARY("小学"),
    JUNIOR_HIGH("初中"),
    SENIOR_HIGH("高中"),
    SECONDARY_VOCATIONAL("中专"),
    JUNIOR_COLLEGE("大专"),
    BACHELOR("本科"),
    MASTER("硕士"),
    DOCTORATE("博士"),
    OTHER("其他");

    private final String chinese;

    Education(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** The English constant in any case, or the Chinese label. */
    public static Optional<Education> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values())
                .filter(e -> e.name().equalsIgnoreCase(t) || e.chinese.equals(t))
                .findFirst();
    }
}
