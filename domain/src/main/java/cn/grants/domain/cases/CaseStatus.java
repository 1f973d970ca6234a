package cn.grants.domain.cases;

/**
 * Where a case stands as a whole, as its {@link Stage} implies it ({@link Stage#caseStatus()}); which statuses end a
 * case or move money is the stage's to say ({@link Stage#ended()}, {@link Stage#money()}).
 */
public enum CaseStatus {
    /** created, documents may still be added; not yet submitted */
    DRAFT,
    /** submitted; the lifecycle process runs */
    IN_PROGRESS,
    /** returned for correction; the applicant has a task */
    RETURNED,
    /** ended by a rejection at one of the steps */
    REJECTED,
    /** the applicant did not correct in time */
    LAPSED,
    /** every tranche was paid */
    PAID,
    /** a disbursement condition failed and the tranches paid were recovered */
    CLAWED_BACK
}
