package cn.grants.domain.catalogue;

/**
 * How a measure's batch is cut when its budget cannot fund every request (catalogue data, {@code batchCut}).
 */
public enum BatchCut {
    /** 按比例核减: every case by the same ratio; for amounts the clause leaves variable (a rate, a ceiling). */
    PRO_RATA("按比例核减", "pro rata"),
    /**
     * 择优: an award whose amount the clause states (一次性奖励 of a fixed sum) is never cut: cases are funded in full in
     * order of their expert score while the budget lasts; the rest get nothing in this batch, with that reason.
     */
    RANKED("择优（按评审得分全额资助）", "ranked by expert score, funded in full");

    private final String chinese;
    private final String english;

    BatchCut(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String label() {
        return chinese + " " + english;
    }
}
