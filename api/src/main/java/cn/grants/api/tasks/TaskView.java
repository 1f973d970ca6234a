package cn.grants.api.tasks;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.tasks.InboxTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public record TaskView(UUID id, UUID caseId, String taskType, String name, String candidateGroup, String assignee,
        List<String> outcomes, String status, Instant createdAt, String completedBy, String outcome, String comment,
        Map<String, Object> variables, UUID roundId, Map<String, Object> details, String claimedBy,
        String measureId, String enterprise, String projectTitle, String calculatedAmount) {

    static TaskView of(InboxTask t) {
        return of(t, null);
    }

    static TaskView of(InboxTask t, GrantCase c) {
        return new TaskView(t.getId(), t.getCaseId(), t.getElementId(), t.getName(), t.getCandidateGroup(),
                t.getAssignee(), t.allowedOutcomes(), t.getStatus().name(), t.getCreatedAt(), t.getCompletedBy(),
                t.getOutcome(), t.getComment(), t.getVariables(), t.getRoundId(), t.getDetails(), t.getClaimedBy(),
                c == null ? null : c.getMeasureId(), c == null ? null : c.getApplicantName(),
                c == null ? null : c.getProjectTitle(),
                c == null || c.getCalculatedAmount() == null ? null : c.getCalculatedAmount().toPlainString());
    }
}
