package cn.grants.domain.experts;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Draws the reviewers of a case and records their scores. Every change takes the case row's lock first, so the
 * parallel draws of a case's slots are serialised and never pick the same expert, and a score cannot race a
 * timeout of the same draw. Each step is idempotent, so a retried job does not draw or score twice.
 */
@Service
public class ExpertDrawService {

    private static final Set<ExpertDraw.Status> ON_THE_PANEL = EnumSet.of(ExpertDraw.Status.ASSIGNED,
            ExpertDraw.Status.SCORED);

    private final GrantCaseRepository cases;
    private final ExpertDrawRepository draws;
    private final ExpertPool pool;
    private final Clock clock;
    private final RandomGenerator random;

    public ExpertDrawService(GrantCaseRepository cases, ExpertDrawRepository draws, ExpertPool pool, Clock clock,
            RandomGenerator random) {
        this.cases = cases;
        this.draws = draws;
        this.pool = pool;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Draws the expert of a slot's attempt: an expert of the pool who neither works for nor declared a relation with
     * the applicant and was not drawn for the case before. Idempotent: drawing the same slot and attempt again
     * returns the first draw unchanged.
     *
     * @return the draw, {@link ExpertDraw.Status#ASSIGNED}, or {@link ExpertDraw.Status#NO_EXPERT} when nobody is left
     * @throws IllegalArgumentException when the case does not exist
     */
    @Transactional
    public ExpertDraw draw(UUID caseId, int slot, int attempt) {
        Objects.requireNonNull(caseId, "caseId");
        if (slot < 0 || attempt < 0) {
            throw new IllegalArgumentException("slot and attempt must not be negative: " + slot + "/" + attempt);
        }
        Optional<ExpertDraw> existing = draws.findByCaseIdAndSlotAndAttempt(caseId, slot, attempt);
        if (existing.isPresent()) {
            return existing.get();
        }
        GrantCase grantCase = lock(caseId);
        // read again under the lock: a parallel run of this very draw may have committed while we waited
        List<ExpertDraw> ofCase = draws.findByCaseIdOrderBySlotAscAttemptAsc(caseId);
        Optional<ExpertDraw> raced = ofCase.stream()
                .filter(d -> d.getSlot() == slot && d.getAttempt() == attempt).findFirst();
        if (raced.isPresent()) {
            return raced.get();
        }
        Set<String> alreadyDrawn = ofCase.stream().map(ExpertDraw::getExpertId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        ExpertSelection.Selection selection;
        synchronized (random) {
            // not every RandomGenerator is thread-safe; draws of different cases run in parallel
            selection = ExpertSelection.pick(pool.experts(), grantCase.getCreditCode(), alreadyDrawn, random);
        }
        return draws.saveAndFlush(new ExpertDraw(UUID.randomUUID(), caseId, slot, attempt, selection,
                now()));
    }

    /**
     * The expert of a panel slot, idempotent per case and slot: while an expert of the slot is on the panel (drawn and
     * not released, or already scored) that draw is returned, so a slot entered again (the expert review re-created
     * after an engine restart) neither draws a new expert nor loses a score given. Otherwise the slot draws at the
     * given attempt, or after the last attempt that timed out, was recused or found the pool exhausted.
     */
    @Transactional
    public ExpertDraw drawSlot(UUID caseId, int slot, int attempt) {
        List<ExpertDraw> ofSlot = draws.findByCaseIdOrderBySlotAscAttemptAsc(caseId).stream()
                .filter(d -> d.getSlot() == slot).toList();
        Optional<ExpertDraw> live = ofSlot.stream().filter(d -> ON_THE_PANEL.contains(d.getStatus()))
                .reduce((first, later) -> later);
        if (live.isPresent()) {
            return live.get();
        }
        int next = attempt;
        for (ExpertDraw d : ofSlot) {
            // a slot drawn again after the pool ran out (the officer extended it) draws at a fresh attempt
            boolean released = d.getStatus() == ExpertDraw.Status.TIMED_OUT || d.getStatus() == ExpertDraw.Status.RECUSED
                    || d.getStatus() == ExpertDraw.Status.NO_EXPERT;
            if (released && d.getAttempt() >= next) {
                next = d.getAttempt() + 1;
            }
        }
        return draw(caseId, slot, next);
    }

    /**
     * The expert of a slot's attempt did not score in time. Idempotent, and only an {@link ExpertDraw.Status#ASSIGNED}
     * draw times out: a draw scored meanwhile stays scored.
     *
     * @throws IllegalStateException when there is no such draw
     */
    @Transactional
    public void timedOut(UUID caseId, int slot, int attempt) {
        lock(caseId);
        ExpertDraw draw = draws.findByCaseIdAndSlotAndAttempt(caseId, slot, attempt)
                .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no draw for slot " + slot
                        + ", attempt " + attempt));
        if (draw.getStatus() == ExpertDraw.Status.ASSIGNED) {
            draw.timedOut(now());
        }
    }

    /** The expert signed in as {@code expertUser} declares a conflict (回避) on the case; the slot is drawn again. */
    @Transactional
    public ExpertDraw recused(UUID caseId, String expertUser, String reason) {
        lock(caseId);
        ExpertDraw draw = draws.findByCaseIdAndExpertUser(caseId, expertUser).stream()
                .filter(d -> d.getStatus() == ExpertDraw.Status.ASSIGNED).findFirst()
                .orElseThrow(() -> new IllegalStateException(expertUser + " has no open draw on case " + caseId));
        draw.recused(reason, now());
        return draw;
    }

    /**
     * Records the score of the expert signed in as {@code expertUser} on their open draw of the case. Idempotent:
     * the same score again returns the scored draw unchanged.
     *
     * @param score    the expert's weighted score ({@link Rubric#score}), 0 to 100 with at most two decimals
     * @param criteria the expert's score per criterion, kept as given
     * @throws IllegalStateException when the user has no open draw on the case (never drawn, timed out, or already
     *                               scored with a different score)
     * @throws InvalidScoreException when the score is missing or out of range
     */
    @Transactional
    public ExpertDraw scored(UUID caseId, String expertUser, BigDecimal score, Map<String, Object> criteria) {
        return scored(caseId, expertUser, score, criteria, null);
    }

    /**
     * As {@link #scored(UUID, String, BigDecimal, Map)}, with the amount the expert recommends (where the clause
     * gives only a ceiling; the officer determines the amount).
     */
    @Transactional
    public ExpertDraw scored(UUID caseId, String expertUser, BigDecimal score, Map<String, Object> criteria,
            BigDecimal recommendedAmount) {
        BigDecimal value = checkedScore(score);
        if (criteria == null) {
            throw new InvalidScoreException("scores", "is required");
        }
        lock(caseId);
        List<ExpertDraw> mine = draws.findByCaseIdAndExpertUser(caseId, expertUser);
        Optional<ExpertDraw> done = mine.stream().filter(d -> d.getStatus() == ExpertDraw.Status.SCORED).findFirst();
        if (done.isPresent()) {
            if (done.get().getScore().compareTo(value) != 0) {
                throw new IllegalStateException(expertUser + " already scored case " + caseId + " with "
                        + done.get().getScore().toPlainString());
            }
            return done.get();
        }
        ExpertDraw open = mine.stream().filter(d -> d.getStatus() == ExpertDraw.Status.ASSIGNED).findFirst()
                .orElseThrow(() -> new IllegalStateException(expertUser + " has no open draw on case " + caseId
                        + (mine.isEmpty() ? "" : " (their draw " + mine.get(0).getStatus().name().toLowerCase()
                                .replace('_', ' ') + ")")));
        open.scored(value, criteria, recommendedAmount, now());
        return open;
    }

    /** The case's draws by slot and attempt. */
    @Transactional(readOnly = true)
    public List<ExpertDraw> draws(UUID caseId) {
        return draws.findByCaseIdOrderBySlotAscAttemptAsc(caseId);
    }

    /** Whether the user sits on the case's panel: drawn for it and not timed out (assigned or scored). */
    @Transactional(readOnly = true)
    /** The cases the expert is on the panel of. */
    public java.util.Set<UUID> casesOf(String expertUser) {
        return new java.util.HashSet<>(draws.casesOf(expertUser, ON_THE_PANEL));
    }

    public boolean isAssigned(UUID caseId, String expertUser) {
        return draws.existsByCaseIdAndExpertUserAndStatusIn(caseId, expertUser, ON_THE_PANEL);
    }

    /** Now, to the microsecond PostgreSQL keeps, so a returned draw shows what a later read of it gives. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private GrantCase lock(UUID caseId) {
        return cases.lockById(caseId)
                .orElseThrow(() -> new IllegalArgumentException("case " + caseId + " does not exist"));
    }

    private static BigDecimal checkedScore(BigDecimal score) {
        if (score == null) {
            throw new InvalidScoreException("score", "is required");
        }
        if (score.signum() < 0 || score.compareTo(Rubric.MAX_SCORE) > 0) {
            throw new InvalidScoreException("score", "must be from 0 to 100, not " + score.toPlainString());
        }
        if (score.stripTrailingZeros().scale() > Rubric.SCALE) {
            throw new InvalidScoreException("score", "has more than 2 decimals: " + score.toPlainString());
        }
        return score.setScale(Rubric.SCALE, RoundingMode.UNNECESSARY);
    }
}
