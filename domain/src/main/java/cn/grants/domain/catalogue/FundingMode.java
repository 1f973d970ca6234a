package cn.grants.domain.catalogue;

/** How a measure funds: the seeds' 事前资助, 事后资助, 里程碑式, 赛马式, one-off awards, matching, 贴息, preferences. */
public enum FundingMode {
    PRE_FUNDING,
    POST_FUNDING,
    MILESTONE,
    HORSE_RACE,
    ONE_OFF_AWARD,
    MATCHING,
    INTEREST_SUBSIDY,
    PROCUREMENT_PREFERENCE,
    NON_MONETARY
}
