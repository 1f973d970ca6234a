package cn.grants.domain.models;

/**
 * Which decision (DMN) applied to a case: its id, deployed version and key, and the matching row (1-based, 0 when no
 * row matched) with the row's id. Recorded with what the decision gave, on the case's timeline.
 */
public record DecisionRow(String decisionId, int version, long decisionKey, String ruleId, int row) {

    public String describe() {
        return decisionId + " v" + version + " · 第" + row + "行 row " + row + " (" + ruleId + ")";
    }
}
