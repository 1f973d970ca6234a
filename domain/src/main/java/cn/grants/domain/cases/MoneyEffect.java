package cn.grants.domain.cases;

/**
 * What a stage means for the case's money, declared once per {@link Stage}: whether the budget holds a commitment
 * for it, whether its payment instructions may leave in an export, and whether entering it releases the unpaid
 * remainder of its commitment to the budget. Every part of the system that asks "does this case hold, pay or free
 * money?" asks this, so that no list of statuses can disagree with another.
 */
public enum MoneyEffect {
    /** In review (or a draft): nothing is committed for the case and nothing is paid. */
    NONE,
    /**
     * Waiting for the round's batch decision, which commits the approved amount (an officer may commit it ahead of
     * the batch, so a commitment may already be held).
     */
    AWAITS_COMMITMENT,
    /** Granted: the approved amount is committed, tranches are paid from it and their instructions exported. */
    HOLDS_COMMITMENT,
    /**
     * A disbursement condition failed and something was paid: the unpaid tranches were cancelled (their share went
     * back to the budget), what was paid is demanded back and stays committed; instructions not yet exported are
     * held back.
     */
    HOLDS_BACK_PAYMENTS,
    /** Every tranche was paid: the commitment is exactly what was paid; instructions not yet exported still go out. */
    PAID,
    /**
     * The case ended without (all of) its grant: entering the stage releases the unpaid remainder of its commitment
     * to the budget (what was paid stays committed) and instructions not yet exported are held back.
     */
    RELEASES_UNPAID_REMAINDER,
    /**
     * A staged competition (赛马) stopped the case at a stage review: the stages completed were paid and stand (their
     * instructions still go out, nothing is clawed back); the unpaid remainder of its commitment goes back to the budget.
     */
    KEEPS_PAID_STAGES;

    /** Entering a stage with this effect gives back to the budget what the case had committed and was not paid. */
    public boolean releasesUnpaidRemainder() {
        return this == RELEASES_UNPAID_REMAINDER || this == KEEPS_PAID_STAGES;
    }

    /** Payment instructions of a case at a stage with this effect are not exported (the export holds them back). */
    public boolean holdsBackPayments() {
        return this == HOLDS_BACK_PAYMENTS || this == RELEASES_UNPAID_REMAINDER;
    }

    /** The grant of a case at a stage with this effect stands (it counts as granted, e.g. on the dashboard). */
    public boolean grantStands() {
        return this != RELEASES_UNPAID_REMAINDER;
    }
}
