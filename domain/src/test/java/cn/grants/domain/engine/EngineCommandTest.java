package cn.grants.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EngineCommandTest {

    static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);

    static EngineCommand completion() {
        return EngineCommand.completeJob("e1", UUID.randomUUID(), UUID.randomUUID(), 42L, Map.of("outcome", "APPROVE"),
                T0);
    }

    static EngineCommand message(Duration ttl) {
        return EngineCommand.publishMessage("e1", UUID.randomUUID(), "objection-filed", "c", "m", ttl, Map.of(), T0);
    }

    @Test
    void shouldCallAJobThatIsGoneAtTheFirstAttemptGone() {
        // given
        EngineCommand c = completion();

        // when the first attempt finds no job
        assertThat(c.begin(T0, LEASE)).isTrue();
        c.notFound("job not found", T0);

        // then the step ended before the decision reached it
        assertThat(c.getStatus()).isEqualTo(EngineCommand.Status.GONE);
    }

    @Test
    void shouldCallAJobGoneAfterAnAttemptOfUnknownOutcomeApplied() {
        // given an attempt whose answer never came (the connection broke after the request left)
        EngineCommand c = completion();
        c.begin(T0, LEASE);
        c.failed("DEADLINE_EXCEEDED", true, T0.plusSeconds(10));

        // when the retry finds no job
        assertThat(c.begin(T0.plusSeconds(12), LEASE)).isTrue();
        c.notFound("job not found", T0.plusSeconds(12));

        // then the earlier attempt completed it
        assertThat(c.getStatus()).isEqualTo(EngineCommand.Status.APPLIED);
    }

    @Test
    void shouldTreatAnAttemptWhoseAnswerWasNeverRecordedAsOfUnknownOutcome() {
        // given an attempt that began, then the application died before recording the answer
        EngineCommand c = completion();
        c.begin(T0, LEASE);

        // when the lease ran out, another instance tries, and finds no job
        assertThat(c.begin(T0.plusSeconds(5), LEASE)).as("leased").isFalse();
        assertThat(c.begin(T0.plus(LEASE), LEASE)).isTrue();
        c.notFound("job not found", T0.plus(LEASE));

        // then the first attempt took it
        assertThat(c.getStatus()).isEqualTo(EngineCommand.Status.APPLIED);
        assertThat(c.getAttempts()).isEqualTo(2);
    }

    @Test
    void shouldRetryAnUnreachableEngineWithAGrowingPauseUpToFiveMinutes() {
        // given
        EngineCommand c = completion();
        Instant now = T0;

        // when the engine refuses the connection again and again
        Duration previous = Duration.ZERO;
        for (int i = 0; i < 20; i++) {
            assertThat(c.begin(now, LEASE)).isTrue();
            c.failed("connection refused", false, now);
            Duration pause = Duration.between(now, c.getNextAttemptAt());
            assertThat(pause).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(Duration.ofMinutes(5));
            previous = pause;
            now = c.getNextAttemptAt();
        }

        // then it is still waiting to be sent, never given up
        assertThat(c.getStatus()).isEqualTo(EngineCommand.Status.PENDING);
        assertThat(previous).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldNotPublishAgainAMessageOfUnknownOutcomeOnceItsTimeToLiveHasPassed() {
        // given a message with a time to live of one minute, whose first attempt had an unknown outcome
        EngineCommand c = message(Duration.ofMinutes(1));
        c.begin(T0, LEASE);
        c.failed("DEADLINE_EXCEEDED", true, T0.plusSeconds(10));

        // when a retry is due within the minute, and another after it
        assertThat(c.begin(T0.plusSeconds(30), LEASE)).isTrue();
        c.failed("DEADLINE_EXCEEDED", true, T0.plusSeconds(40));

        // then within the minute the engine would refuse a duplicate, after it the command waits for an officer
        assertThat(c.begin(T0.plusSeconds(61), LEASE)).isFalse();
        assertThat(c.getStatus()).isEqualTo(EngineCommand.Status.ATTENTION);
        assertThat(c.getLastError()).contains("could deliver it twice");
    }

    @Test
    void shouldKeepRetryingAMessageTheEngineNeverReceived() {
        // given a message whose attempts never reached the engine (connection refused)
        EngineCommand c = message(Duration.ZERO);
        c.begin(T0, LEASE);
        c.failed("connection refused", false, T0);

        // then it may be sent again even though its time to live is zero
        assertThat(c.begin(c.getNextAttemptAt(), LEASE)).isTrue();
        c.applied(c.getNextAttemptAt());
        assertThat(c.getStatus()).isEqualTo(EngineCommand.Status.APPLIED);
    }
}
