package io.livelink.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which failed starts are tried again on another port. */
class RunningServicesTest {

    private static final PlatformException PORT_TAKEN =
            new PlatformException(
                    "analytics-service exited with code 1; see analytics-service.log\n"
                            + "ERROR [io.qu.ru.Application] (main) Port 39517 seems to be in use"
                            + " by another process. Quarkus may already be running");

    @Test
    void aChosenPortTakenSinceIsTriedAgainElsewhere() {
        assertThat(RunningServices.portTakenMeanwhile(LiveLinkService.ANALYTICS, 39517, PORT_TAKEN))
                .isTrue();
    }

    @Test
    void aServicesOwnDefaultPortIsNeverSwapped() {
        int own = LiveLinkService.ANALYTICS.defaultPort();
        assertThat(RunningServices.portTakenMeanwhile(LiveLinkService.ANALYTICS, own, PORT_TAKEN))
                .isFalse();
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        assertThat(
                        RunningServices.portTakenMeanwhile(
                                LiveLinkService.ANALYTICS,
                                39517,
                                new PlatformException("analytics-service exited with code 1")))
                .isFalse();
    }
}
