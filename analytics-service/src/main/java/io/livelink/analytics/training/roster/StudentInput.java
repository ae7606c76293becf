package io.livelink.analytics.training.roster;

import io.livelink.commons.refusal.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A student as typed or imported (姓名, 性别, 身份证号, 手机号, 文化程度). {@link #check} says what is wrong field
 * by field; {@link #valid} gives the normalised values once nothing is.
 */
public record StudentInput(
        String name, String gender, String idNumber, String phone, String education) {

    /** The checked, normalised student. */
    public record Valid(
            String name, Gender gender, String idNumber, String phone, Education education) {}

    public List<FieldError> check(LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (n.length() > 100) {
            errors.add(new FieldError("name", "must be at most 100 characters"));
        }
        String id = ResidentIdNumbers.normalise(idNumber);
        ResidentIdNumbers.problem(id, today)
                .ifPresent(p -> errors.add(new FieldError("idNumber", p)));
        var g = Gender.parse(gender);
        if (g.isEmpty()) {
            errors.add(
                    new FieldError(
                            "gender",
                            gender == null ? "is required" : "must be MALE or FEMALE (男/女)"));
        } else if (ResidentIdNumbers.problem(id, today).isEmpty()
                && ResidentIdNumbers.gender(id) != g.get()) {
            errors.add(
                    new FieldError(
                            "gender",
                            "is "
                                    + g.get()
                                    + " but the ID number is a "
                                    + ResidentIdNumbers.gender(id)
                                    + " one"));
        }
        MobilePhones.problem(MobilePhones.normalise(phone))
                .ifPresent(p -> errors.add(new FieldError("phone", p)));
        if (Education.parse(education).isEmpty()) {
            errors.add(
                    new FieldError(
                            "education",
                            education == null
                                    ? "is required"
                                    : "must be one of PRIMARY, JUNIOR_HIGH, SENIOR_HIGH,"
                                            + " SECONDARY_VOCATIONAL, JUNIOR_COLLEGE, BACHELOR,"
                                            + " MASTER, DOCTORATE, OTHER (or 小学 … 博士, 其他)"));
        }
        return errors;
    }

    /** Only after {@link #check} found nothing. */
    public Valid valid() {
        return new Valid(
                name.strip(),
                Gender.parse(gender).orElseThrow(),
                ResidentIdNumbers.normalise(idNumber),
                MobilePhones.normalise(phone),
                Education.parse(education).orElseThrow());
    }
}
