package cn.grants.domain.rounds;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.TimelineRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A round never waits forever on one case: an officer may take a stuck case out of the round's batch, with the
 * reason. The exclusion is recorded (who, when, why) with a timeline entry on the case; the round's review check
 * counts the case as settled and the batch never commits it. The case's own process is left as it is (its open steps
 * stay visible on the operations page).
 */
@Service
public class BatchExclusions {

    /** The timeline marker of an exclusion (not a stage: the case keeps its stage). */
    public static final String TIMELINE_MARK = "BATCH_EXCLUDED";

    /** Why an exclusion is refused: the case or round is not in a state to be excluded. */
    public static class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    private static final EnumSet<FundingRound.Status> BEFORE_COMMIT = EnumSet.of(FundingRound.Status.OPEN,
            FundingRound.Status.REVIEWING, FundingRound.Status.DECIDING);

    private final FundingRoundRepository rounds;
    private final GrantCaseRepository cases;
    private final BatchExclusionRepository exclusions;
    private final TimelineRepository timeline;
    private final Clock clock;

    public BatchExclusions(FundingRoundRepository rounds, GrantCaseRepository cases,
            BatchExclusionRepository exclusions, TimelineRepository timeline, Clock clock) {
        this.rounds = rounds;
        this.cases = cases;
        this.exclusions = exclusions;
        this.timeline = timeline;
        this.clock = clock;
    }

    /**
     * Excludes a case of the round from its batch.
     *
     * @throws IllegalArgumentException when the round or case does not exist or the case is not of the round
     * @throws RefusedException         when the case was already excluded, decided (an approved amount), ended, or
     *                                  the round's batch was committed
     */
    @Transactional
    public BatchExclusion exclude(UUID roundId, UUID caseId, String reason, String officer) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
        FundingRound round = rounds.lockById(roundId)
                .orElseThrow(() -> new IllegalArgumentException("round " + roundId + " does not exist"));
        GrantCase grantCase = cases.lockById(caseId)
                .filter(c -> roundId.equals(c.getRoundId()))
                .orElseThrow(() -> new IllegalArgumentException("case " + caseId + " is not a case of round " + roundId));
        if (exclusions.existsById(caseId)) {
            throw new RefusedException("case " + caseId + " is already excluded from the batch");
        }
        if (!BEFORE_COMMIT.contains(round.getStatus())) {
            throw new RefusedException("the batch of round " + roundId + " was already committed (round "
                    + round.getStatus() + ")");
        }
        if (grantCase.hasEnded() || grantCase.getApprovedAmount() != null) {
            throw new RefusedException("case " + caseId + " is " + grantCase.getStatus()
                    + (grantCase.getApprovedAmount() != null ? " with an approved amount" : "") + ": nothing to exclude");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        BatchExclusion exclusion = exclusions.saveAndFlush(new BatchExclusion(caseId, roundId, reason.strip(),
                officer, now));
        timeline.record(caseId, TIMELINE_MARK, "ENTERED", now, officer, "移出批次 Excluded from the batch: "
                + reason.strip(), caseId + ":batch:excluded");
        return exclusion;
    }

    @Transactional(readOnly = true)
    public List<BatchExclusion> ofRound(UUID roundId) {
        return exclusions.findByRoundId(roundId);
    }

    @Transactional(readOnly = true)
    public boolean excluded(UUID caseId) {
        return exclusions.existsById(caseId);
    }
}
