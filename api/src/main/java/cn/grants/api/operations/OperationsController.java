package cn.grants.api.operations;

import cn.grants.api.tasks.inbox.TaskInbox;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.operations.JobFailure;
import cn.grants.domain.operations.JobFailures;
import cn.grants.domain.operations.StuckCases;
import cn.grants.domain.tasks.InboxTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Nothing hangs unseen: the failed and stuck work for officers. Failed jobs (technical faults recorded by the
 * workers, retrying or failed on their last retry), the open repair tasks the models gave officers for them (and for
 * an exhausted expert pool), and stuck cases (a stage lasting longer than {@code grants.operations.stuck-after}
 * with nobody asked to act). Each with case, step, error and since when.
 */
@RestController
@RequestMapping("/api/operations")
public class OperationsController {

    /** The forms of the tasks a model gives an officer when work failed. */
    static final Set<String> REPAIR_FORMS = Set.of("repair", "expert-pool");

    public record FailedJob(UUID id, UUID caseId, UUID roundId, String applicant, String step, String jobType,
            String error, int attempts, String status, Instant since, Instant lastFailedAt) {
    }

    public record RepairTask(UUID taskId, UUID caseId, UUID roundId, String applicant, String step, String stepName,
            String error, Instant since) {
    }

    public record StuckCase(UUID caseId, UUID roundId, String applicant, String projectTitle, String stage,
            String stageName, String status, Instant since) {
    }

    public record Operations(Duration stuckAfter, List<FailedJob> failedJobs, List<RepairTask> repairTasks,
            List<StuckCase> stuckCases) {
    }

    private final JobFailures failures;
    private final StuckCases stuck;
    private final TaskInbox inbox;
    private final GrantCaseRepository cases;
    private final Duration stuckAfter;
    private final List<String> waitingStages;

    public OperationsController(JobFailures failures, StuckCases stuck, TaskInbox inbox, GrantCaseRepository cases,
            @Value("${grants.operations.stuck-after:P3D}") Duration stuckAfter,
            @Value("${grants.operations.waiting-stages:AWAITING_BATCH,PUBLICITY,FUNDING_PLAN,TRANCHE_PAID}")
            List<String> waitingStages) {
        this.failures = failures;
        this.stuck = stuck;
        this.inbox = inbox;
        this.cases = cases;
        this.stuckAfter = stuckAfter;
        this.waitingStages = waitingStages;
    }

    @GetMapping
    @PreAuthorize("hasRole('OFFICER')")
    public Operations operations(Authentication user) {
        List<FailedJob> failed = failures.open().stream().map(f -> new FailedJob(f.getId(), f.getCaseId(),
                f.getRoundId(), applicant(f.getCaseId()), f.getElementId(), f.getJobType(), f.getError(),
                f.getAttempts(), f.getStatus().name(), f.getFirstFailedAt(), f.getLastFailedAt())).toList();
        List<RepairTask> repairs = inbox.openFor(Set.of("officer"), user.getName()).stream()
                .filter(t -> REPAIR_FORMS.contains(String.valueOf(t.getDetails().get("form"))))
                .map(this::repair).toList();
        List<StuckCase> stuckCases = stuck.find(stuckAfter, waitingStages).stream()
                .map(s -> new StuckCase(s.caseId(), s.roundId(), s.applicant(), s.projectTitle(), s.stage(),
                        stageName(s.stage()), s.status(), s.since())).toList();
        return new Operations(stuckAfter, failed, repairs, stuckCases);
    }

    private RepairTask repair(InboxTask t) {
        Map<String, Object> d = t.getDetails();
        Object error = d.get("technicalError") != null ? d.get("technicalError") : d.get("poolExhaustedReason");
        return new RepairTask(t.getId(), t.getCaseId(), t.getRoundId(), applicant(t.getCaseId()), t.getElementId(),
                t.getName(), error == null ? null : error.toString(), t.getCreatedAt());
    }

    private String applicant(UUID caseId) {
        return caseId == null ? null : cases.findById(caseId).map(GrantCase::getApplicantName).orElse(null);
    }

    private static String stageName(String stage) {
        try {
            return Stage.valueOf(stage).label();
        } catch (IllegalArgumentException | NullPointerException e) {
            return stage;
        }
    }
}
