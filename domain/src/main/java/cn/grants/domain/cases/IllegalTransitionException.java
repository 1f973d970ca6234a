package cn.grants.domain.cases;

import java.util.UUID;

/**
 * A case was asked to move from one stage to another that {@link Stage} does not allow: a model, a client of the
 * engine or the code announced a stage out of order. Nothing changes; the caller fails (a notify-applicant job is
 * refused, audited and becomes an incident) instead of corrupting the case's stage, status or money.
 */
public class IllegalTransitionException extends IllegalStateException {

    private final UUID caseId;
    private final Stage from;
    private final Stage to;

    public IllegalTransitionException(UUID caseId, Stage from, Stage to) {
        super("case " + caseId + " cannot move from " + from + " to " + to + " (allowed from " + from + ": "
                + (from == null ? "none" : from.moves()) + ")");
        this.caseId = caseId;
        this.from = from;
        this.to = to;
    }

    public UUID caseId() {
        return caseId;
    }

    public Stage from() {
        return from;
    }

    public Stage to() {
        return to;
    }
}
