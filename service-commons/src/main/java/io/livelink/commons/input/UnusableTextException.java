package io.livelink.commons.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string that {@link TextRules} refuses. Jackson adds the path of the field as the exception
 * travels out of the objects holding it, so the problem names the field ({@code memberIds[1]}).
 */
public class UnusableTextException extends MismatchedInputException {

    private final String rule;

    UnusableTextException(JsonParser parser, String rule) {
        super(parser, rule, String.class);
        this.rule = rule;
    }

    /** What is wrong with the value, e.g. "must not contain a NUL character (U+0000)". */
    public String rule() {
        return rule;
    }
}
