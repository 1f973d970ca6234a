package cn.grants.domain.catalogue;

/**
 * Whether a measure's amount is determined (核定) by an officer, because its clause gives only a ceiling.
 */
public enum Determination {
    /** The clause states the amount, or computes it with no "最高/不超过": paid as calculated. */
    NONE,
    /**
     * A rate or amount stated as a ceiling ("按不超过…的30%", "最高…万元" over a computed basis): the calculation is the
     * ceiling and the default; an officer may determine it lower, with the reason, before the batch decides.
     */
    OPTIONAL,
    /**
     * Only a ceiling, nothing to compute it from ("给予最高100万元奖励"): the model gives an officer the task to
     * determine the amount, with the reason, never above the ceiling.
     */
    REQUIRED
}
