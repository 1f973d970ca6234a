package cn.grants.domain.experts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Draws one reviewer for a case (随机抽取专家): every expert of the pool who need not sit out is equally likely.
 * An expert sits out (回避) when they work for the applicant ({@link #SAME_EMPLOYER}), declared a relation with it
 * ({@link #DECLARED_RELATION}), or was already drawn for the case ({@link #ALREADY_DRAWN}: no expert is drawn twice
 * for a case, so a redraw after a timeout picks someone new). Each excluded expert is recorded once, with the first
 * of these reasons that applies, in this order.
 *
 * <p>A pure function: the same pool, applicant, drawn set and seeded generator give the same draw.
 */
public final class ExpertSelection {

    public static final String SAME_EMPLOYER = "SAME_EMPLOYER";
    public static final String DECLARED_RELATION = "DECLARED_RELATION";
    public static final String ALREADY_DRAWN = "ALREADY_DRAWN";

    /** An expert who could not be drawn, and why ({@link #SAME_EMPLOYER}, ...). */
    public record Exclusion(String expertId, String reason) {
    }

    /** The drawn expert ({@code null} when nobody is left) and the experts excluded, in pool order. */
    public record Selection(Expert chosen, List<Exclusion> exclusions) {

        public Selection {
            exclusions = List.copyOf(exclusions);
        }
    }

    private ExpertSelection() {
    }

    /**
     * @param pool                  the experts, in a stable order (the generator picks an index among the eligible)
     * @param applicantCreditCode   the applicant's unified social credit code
     * @param alreadyDrawnExpertIds the ids of the experts drawn for the case so far, whatever became of the draw
     */
    public static Selection pick(List<Expert> pool, String applicantCreditCode, Set<String> alreadyDrawnExpertIds,
            RandomGenerator random) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(applicantCreditCode, "an applicant without a credit code cannot be checked for conflicts");
        Objects.requireNonNull(alreadyDrawnExpertIds, "alreadyDrawnExpertIds");
        Objects.requireNonNull(random, "random");
        String applicant = applicantCreditCode.strip().toUpperCase(Locale.ROOT);
        List<Expert> eligible = new ArrayList<>();
        List<Exclusion> exclusions = new ArrayList<>();
        for (Expert expert : pool) {
            String reason = reason(expert, applicant, alreadyDrawnExpertIds);
            if (reason == null) {
                eligible.add(expert);
            } else {
                exclusions.add(new Exclusion(expert.id(), reason));
            }
        }
        Expert chosen = eligible.isEmpty() ? null : eligible.get(random.nextInt(eligible.size()));
        return new Selection(chosen, exclusions);
    }

    private static String reason(Expert expert, String applicant, Set<String> alreadyDrawn) {
        if (expert.worksFor(applicant)) {
            return SAME_EMPLOYER;
        }
        if (expert.declaresRelationWith(applicant)) {
            return DECLARED_RELATION;
        }
        if (alreadyDrawn.contains(expert.id())) {
            return ALREADY_DRAWN;
        }
        return null;
    }
}
