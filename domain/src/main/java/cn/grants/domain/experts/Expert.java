package cn.grants.domain.experts;

import java.util.List;

/**
 * A reviewer of the expert pool (专家库): who signs in as {@link #user()}, where they work, and the enterprises they
 * declared a relation with (曾任技术顾问, 持有股份, ...). Either is a reason to sit out (回避) an applicant's review.
 */
public record Expert(String id, String user, String name, String specialty, String employer,
        String employerCreditCode, List<Relation> relations) {

    /** A declared relation with an enterprise, named by its unified social credit code. */
    public record Relation(String creditCode, String relation) {
    }

    public Expert {
        relations = relations == null ? List.of() : List.copyOf(relations);
    }

    /** Whether the expert works for the enterprise with this credit code. */
    public boolean worksFor(String creditCode) {
        return employerCreditCode != null && employerCreditCode.equals(creditCode);
    }

    /** Whether the expert declared a relation with the enterprise with this credit code. */
    public boolean declaresRelationWith(String creditCode) {
        return relations.stream().anyMatch(r -> r.creditCode() != null && r.creditCode().equals(creditCode));
    }
}
