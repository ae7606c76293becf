package io.livelink.analytics.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.training.roster.Gender;
import io.livelink.analytics.training.roster.ResidentIdNumbers;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentIdNumbersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    @ParameterizedTest
    @CsvSource({
        // The GB 11643-1999 worked example (check character X) and two more.
        "11010519491231002X, FEMALE",
        "110105199003070033, MALE",
        "110105199003071239, MALE",
    })
    void acceptsValidNumbersAndReadsTheGender(String idNumber, Gender gender) {
        assertThat(ResidentIdNumbers.problem(idNumber, TODAY)).isEmpty();
        assertThat(ResidentIdNumbers.gender(idNumber)).isEqualTo(gender);
    }

    @ParameterizedTest
    @CsvSource({
        "110105194912310021, fails its check digit",
        "11010519491231002, must be 18 characters",
        "1101051949123100AX, must be 18 characters",
        "110105194902300025, holds no valid birth date",
        "110105203001010011, impossible birth date",
    })
    void refusesWithTheReason(String idNumber, String reason) {
        assertThat(ResidentIdNumbers.problem(idNumber, TODAY))
                .hasValueSatisfying(p -> assertThat(p).contains(reason));
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"})
    void everyWrongCheckCharacterIsRefused(char wrong) {
        String valid = TrainingFixtures.idNumber(77, Gender.MALE);
        String tampered = valid.substring(0, 17) + wrong;
        assertThat(ResidentIdNumbers.problem(tampered, TODAY).isEmpty())
                .isEqualTo(tampered.equals(valid));
    }

    @ParameterizedTest
    @CsvSource({
        "11010519491231002x, 11010519491231002X",
        "' 110105199003070033 ', 110105199003070033"
    })
    void normalisesCaseAndSpace(String typed, String stored) {
        assertThat(ResidentIdNumbers.normalise(typed)).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource({"11010519491231002X, 1101**********002X"})
    void masksAllButTheEnds(String idNumber, String masked) {
        assertThat(ResidentIdNumbers.mask(idNumber)).isEqualTo(masked);
    }
}
