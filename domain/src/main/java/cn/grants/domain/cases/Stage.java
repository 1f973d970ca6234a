package cn.grants.domain.cases;

/**
 * The stages a case passes through, as the lifecycle model announces them (the {@code stage} input of its
 * notify-applicant events). Names are bilingual, Chinese first.
 */
public enum Stage {
    DRAFT("草稿", "Draft", CaseStatus.DRAFT, "Submit the application"),
    SUBMITTED("已提交", "Submitted", CaseStatus.IN_PROGRESS, "Formal check by an officer"),
    FORMAL_CHECK("形式审查", "Formal check", CaseStatus.IN_PROGRESS, "An officer checks the application is complete"),
    CORRECTION("补正材料", "Correction", CaseStatus.RETURNED, "Correct the application and resubmit it"),
    EXPERT_REVIEW("专家评审", "Expert review", CaseStatus.IN_PROGRESS, "Experts score the project"),
    SPECIAL_AUDIT("专项审计", "Special audit", CaseStatus.IN_PROGRESS, "An auditor confirms the eligible amounts"),
    CALCULATION("资助计算", "Calculation", CaseStatus.IN_PROGRESS, "The grant is calculated by the measure's rule"),
    AWAITING_BATCH("待批次决定", "Awaiting batch decision", CaseStatus.IN_PROGRESS,
            "The round's batch decision after the window closes and every case is reviewed"),
    PUBLICITY("公示", "Publicity", CaseStatus.IN_PROGRESS, "The grant is published for objections until the publicity ends"),
    ON_HOLD("暂缓（异议核查）", "On hold (objection)", CaseStatus.IN_PROGRESS, "An officer investigates an objection"),
    FUNDING_PLAN("列入资助计划", "In the funding plan", CaseStatus.IN_PROGRESS, "Disbursement by tranches"),
    MILESTONE_REVIEW("里程碑验收", "Milestone review", CaseStatus.IN_PROGRESS,
            "Upload the milestone evidence; an officer accepts the milestone"),
    MATCHING_REVIEW("配套资金核验", "Matching funds check", CaseStatus.IN_PROGRESS,
            "Upload the evidence of the superior funds; an officer verifies it"),
    FINANCE_APPROVAL("拨付审批", "Finance approval", CaseStatus.IN_PROGRESS, "A finance officer approves the payout"),
    PAYOUT("拨付", "Payout", CaseStatus.IN_PROGRESS, "The payment instruction is issued"),
    TRANCHE_PAID("本期已拨付", "Tranche paid", CaseStatus.IN_PROGRESS, "The next tranche when it falls due"),
    PAID("已拨付", "Paid", CaseStatus.PAID, "Nothing: the grant was paid"),
    CLAWBACK("追回", "Clawback", CaseStatus.IN_PROGRESS, "Return the tranches paid; finance confirms the recovery"),
    CLAWED_BACK("已追回", "Clawed back", CaseStatus.CLAWED_BACK, "Nothing: the paid tranches were recovered"),
    REJECTED("未通过", "Rejected", CaseStatus.REJECTED, "Nothing: the case ended"),
    LAPSED("已失效", "Lapsed", CaseStatus.LAPSED, "Nothing: the correction was not made in time");

    private final String chinese;
    private final String english;
    private final CaseStatus caseStatus;
    private final String next;

    Stage(String chinese, String english, CaseStatus caseStatus, String next) {
        this.chinese = chinese;
        this.english = english;
        this.caseStatus = caseStatus;
        this.next = next;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    public String label() {
        return chinese + " " + english;
    }

    public CaseStatus caseStatus() {
        return caseStatus;
    }

    /** What happens next, for the applicant's "what is next" line. */
    public String next() {
        return next;
    }

    public boolean terminal() {
        return caseStatus.finished();
    }
}
