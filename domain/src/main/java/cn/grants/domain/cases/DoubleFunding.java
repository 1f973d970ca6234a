package cn.grants.domain.cases;

import cn.grants.domain.catalogue.OverlapGroups;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * No double funding: within an overlap group of the catalogue (measures of different clauses that fund the same
 * thing) an enterprise has one live application per thing. Checked when an application is submitted and again when
 * a batch decides, under the enterprise's lock.
 */
@Service
public class DoubleFunding {

    /** Stages in which an application no longer claims anything: it ended without (or gave back) the grant. */
    static final Set<Stage> NOT_CLAIMING = EnumSet.of(Stage.DRAFT, Stage.REJECTED, Stage.LAPSED, Stage.CLAWED_BACK);

    /** The other application that already claims the same thing, and the group that makes them the same. */
    public record Conflict(GrantCase other, OverlapGroups.Group group) {

        public String message(GrantCase grantCase) {
            return "重复资助 double funding: case " + other.getId() + " (" + other.getMeasureId() + ", "
                    + other.getCurrentStage().label() + ") of the same enterprise already applies for "
                    + (group.key().bySubject() ? "the same " + group.key().name().toLowerCase() + " \""
                            + other.fundedSubject() + "\"" : "the same enterprise")
                    + "; " + group.name() + " " + group.nameEn() + " is funded once, under one of: " + group.cited();
        }
    }

    private final GrantCaseRepository cases;
    private final OverlapGroups overlaps;
    private final EnterpriseLocks locks;

    public DoubleFunding(GrantCaseRepository cases, OverlapGroups overlaps, EnterpriseLocks locks) {
        this.cases = cases;
        this.overlaps = overlaps;
        this.locks = locks;
    }

    /** The group of the case's measure, if it has one. */
    public Optional<OverlapGroups.Group> groupOf(String measureId) {
        return overlaps.groupOf(measureId);
    }

    /**
     * The application of the same enterprise that already claims what this one asks for (submitted, not ended
     * without the grant), if any. Locks the enterprise until the calling transaction ends, so two submissions of one
     * enterprise are checked one after the other.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Conflict> atSubmission(GrantCase grantCase) {
        locks.lock(List.of(grantCase.getCreditCode()));
        return conflict(grantCase, other -> !NOT_CLAIMING.contains(other.getCurrentStage()));
    }

    /**
     * The application that already claims the same thing among those that count here (the batch decision counts
     * the ones awarded, and those accepted earlier in the same batch). The caller holds the enterprise's lock.
     */
    public Optional<Conflict> conflict(GrantCase grantCase, Predicate<GrantCase> counts) {
        return conflict(grantCase, counts, () -> cases.findByCreditCodeOrderByCreatedAtAsc(grantCase.getCreditCode()));
    }

    /**
     * As {@link #conflict(GrantCase, Predicate)}, with the enterprise's applications read by the caller (oldest
     * first; read only when the case's measure is in an overlap group).
     */
    public Optional<Conflict> conflict(GrantCase grantCase, Predicate<GrantCase> counts,
            java.util.function.Supplier<List<GrantCase>> applicationsOfEnterprise) {
        return overlaps.groupOf(grantCase.getMeasureId()).flatMap(g -> applicationsOfEnterprise.get().stream()
                .filter(other -> sameThing(grantCase, other)).filter(counts)
                .findFirst().map(other -> new Conflict(other, g)));
    }

    /**
     * Whether another application of the same enterprise is for the same thing as this one: a measure of the same
     * overlap group and, where the group's key is a subject, the same subject.
     */
    public boolean sameThing(GrantCase grantCase, GrantCase other) {
        Optional<OverlapGroups.Group> group = overlaps.groupOf(grantCase.getMeasureId());
        return group.isPresent() && !other.getId().equals(grantCase.getId())
                && other.getCreditCode().equals(grantCase.getCreditCode())
                && group.get().measures().contains(other.getMeasureId())
                && (!group.get().key().bySubject() || OverlapGroups.subjectKey(grantCase.fundedSubject())
                        .equals(OverlapGroups.subjectKey(other.fundedSubject())));
    }

    /** Whether an application holds or was paid a grant (an approved amount, not ended without it). */
    public static boolean awarded(GrantCase c) {
        return c.getApprovedAmount() != null && c.getApprovedAmount().signum() > 0
                && !NOT_CLAIMING.contains(c.getCurrentStage());
    }

    /** An enterprise's applications across all measures, oldest first (for the officer's formal check). */
    @Transactional(readOnly = true)
    public List<GrantCase> applicationsOf(String creditCode) {
        return cases.findByCreditCodeOrderByCreatedAtAsc(creditCode);
    }
}
