package cn.grants.api.tasks;

import cn.grants.api.problems.ApiException;
import cn.grants.api.security.Roles;
import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.authority.RecordedDecisions;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.AmountDeterminations;
import cn.grants.domain.cases.EligibilityChecks;
import cn.grants.api.decisions.FinanceApprovalRouting;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.TimelineEntry;
import cn.grants.domain.catalogue.InputParser;
import cn.grants.domain.catalogue.InputSpec;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.documents.CaseDocument;
import cn.grants.domain.documents.CaseDocumentRepository;
import cn.grants.domain.experts.ExpertDrawService;
import cn.grants.domain.experts.Rubric;
import cn.grants.domain.money.Money;
import cn.grants.domain.operations.JobFailures;
import cn.grants.domain.objections.ObjectionService;
import cn.grants.domain.payouts.DisbursementService;
import cn.grants.domain.payouts.PayoutRefusedException;
import cn.grants.domain.payouts.PayoutService;
import cn.grants.domain.payouts.TrancheApproval;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.api.tasks.inbox.TaskInbox;
import cn.grants.domain.engine.EngineCommand;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The task inbox: lists the open human steps a user may work and completes them. Completing a task validates the
 * form of its type, records the decision and closes the task, in one transaction holding the task's row lock (so two
 * users cannot both complete it), which also writes the command that completes the user-task job into the engine
 * outbox; the job is completed after the commit (see {@code EngineCommandRelay}).
 */
@Service
public class TaskService {

    private final AuditTrail audit;
    private final TaskInbox tasks;
    private final GrantCaseRepository cases;
    private final PolicyCatalogue catalogue;
    private final Clock clock;
    private final Rubric rubric;
    private final ExpertDrawService experts;
    private final ObjectionService objections;
    private final DisbursementService disbursement;
    private final CaseDocumentRepository documents;
    private final FinanceApprovalRouting routing;
    private final CaseProgress progress;
    private final PayoutService payouts;
    private final JobFailures failures;
    private final AmountDeterminations determinations;
    private final EligibilityChecks eligibility;

    /**
     * Outcomes that need a comment: it is the reason recorded (and given to the applicant); lowering an expert panel
     * and skipping a failed step are recorded with their reason too.
     */
    static final Set<String> REASONED = Set.of("REJECT", "WITHDRAW", "RECUSE", "UPHOLD", "DISMISS", "REDUCE", "SKIP",
            "STOP");
    static final String AUDIT_REPORT = "AUDIT_REPORT";
    /** The form of the repair tasks the models give a step that failed on its last retry. */
    static final String REPAIR_FORM = "repair";
    /** The form of the task a model gives an officer to determine an amount the clause gives only a ceiling for. */
    static final String DETERMINATION_FORM = "determination";
    /** The expert's score sheet (评审打分): the rubric, an optional recommended amount; or a recusal (回避). */
    static final String RUBRIC_FORM = "rubric";
    /** The special audit (专项审计): the audit report uploaded in the task and the audited amounts. */
    static final String AUDIT_FORM = "audit";
    /** The investigation of an objection raised in the publicity (公示异议). */
    static final String OBJECTION_FORM = "objection";
    /** Finance's approval of a tranche, within the approver's limit. */
    static final String FINANCE_APPROVAL_FORM = "finance-approval";
    /** The second approval (复核) by another finance officer whose limit covers the tranche. */
    static final String SECOND_APPROVAL_FORM = "second-approval";
    /** Finance's confirmation that the clawed-back money was recovered. */
    static final String CLAWBACK_FORM = "clawback";
    /** The applicant's correction (补正) of a returned application. */
    static final String CORRECTION_FORM = "correction";
    /** The form of the formal check (形式审查): the eligibility checklist, each condition marked met or not. */
    static final String FORMAL_CHECK_FORM = "formal-check";

    public TaskService(TaskInbox tasks, GrantCaseRepository cases, PolicyCatalogue catalogue, Clock clock,
            Rubric rubric, ExpertDrawService experts, ObjectionService objections, DisbursementService disbursement,
            CaseDocumentRepository documents, FinanceApprovalRouting routing, CaseProgress progress, PayoutService payouts, JobFailures failures, AuditTrail audit,
            AmountDeterminations determinations, EligibilityChecks eligibility) {
        this.eligibility = eligibility;
        this.audit = audit;
        this.determinations = determinations;
        this.failures = failures;
        this.payouts = payouts;
        this.rubric = rubric;
        this.experts = experts;
        this.objections = objections;
        this.disbursement = disbursement;
        this.documents = documents;
        this.routing = routing;
        this.progress = progress;
        this.tasks = tasks;
        this.cases = cases;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    public List<InboxTask> open(Authentication user) {
        Set<String> groups = Roles.groups(user);
        return tasks.openFor(groups, user.getName());
    }

    /** A page of the caller's open tasks, filtered in the database. */
    public org.springframework.data.domain.Page<InboxTask> open(Authentication user, TaskInbox.Filter filter,
            org.springframework.data.domain.Pageable page) {
        return tasks.openFor(Roles.groups(user), user.getName(), filter, page);
    }

    /** What the caller's open tasks can be filtered by (steps, rounds, measures), counted in the database. */
    public TaskInbox.Facets facets(Authentication user) {
        return tasks.facetsFor(Roles.groups(user), user.getName());
    }

    public InboxTask visible(UUID id, Authentication user) {
        InboxTask task = tasks.find(id).orElseThrow(() -> ApiException.notFound("task " + id));
        if (!mayWork(task, user)) {
            throw ApiException.notFound("task " + id);
        }
        return task;
    }

    static boolean mayWork(InboxTask task, Authentication user) {
        return user.getName().equals(task.getAssignee())
                || (task.getCandidateGroup() != null && Roles.groups(user).contains(task.getCandidateGroup()));
    }

    @Transactional
    public Completion complete(UUID id, CompleteTask request, Authentication user) {
        InboxTask task = tasks.lock(id).orElseThrow(() -> ApiException.notFound("task " + id));
        if (!mayWork(task, user)) {
            if (Roles.isStaff(user) || user.getName().equals(caseOwner(task))) {
                throw ApiException.forbidden("task " + id + " belongs to group " + task.getCandidateGroup());
            }
            throw ApiException.notFound("task " + id);
        }
        if (task.getStatus() != InboxTask.Status.OPEN) {
            throw ApiException.conflict("task " + id + " is already " + task.getStatus());
        }
        if (task.getClaimedBy() != null && !task.getClaimedBy().equals(user.getName())) {
            throw ApiException.conflict("task " + id + " is claimed by " + task.getClaimedBy());
        }
        String outcome = request.outcome().trim().toUpperCase();
        if (!task.allows(outcome)) {
            throw ApiException.badRequest("outcome", "outcome must be one of " + task.allowedOutcomes());
        }
        String comment = request.comment() == null ? null : request.comment().trim();
        boolean ending = outcome.equals("REJECT") || outcome.equals("WITHDRAW");
        if (REASONED.contains(outcome) && (comment == null || comment.isEmpty())) {
            throw ApiException.badRequest("comment", "comment is required for " + outcome
                    + ": it is the reason recorded and given to the applicant");
        }
        Map<String, Object> form = request.variables() == null ? Map.of() : request.variables();
        Map<String, Object> recorded = new LinkedHashMap<>();
        Map<String, Object> jobVariables = new HashMap<>();
        jobVariables.put("outcome", outcome);
        jobVariables.put("comment", comment);
        jobVariables.put("lastActor", user.getName());
        jobVariables.put("rejectionReason", ending ? comment : null);
        if (REPAIR_FORM.equals(task.getDetails().get("form")) && task.getDetails().get("failureId") != null) {
            // any repair task of any model: the failed step is retried, or skipped with the reason recorded
            failures.resolve(UUID.fromString(task.getDetails().get("failureId").toString()), outcome, user.getName(),
                    comment);
            recorded.put("failureId", task.getDetails().get("failureId"));
        }
        if (DETERMINATION_FORM.equals(task.getDetails().get("form")) && task.getCaseId() != null) {
            // any determination task of any model (核定): the amount within the ceiling, with the reason
            BigDecimal amount = Money.parse("variables.amount", form.get("amount"));
            if (comment == null || comment.isEmpty()) {
                throw ApiException.badRequest("comment", "comment is required: the reason for the determined amount, "
                        + "recorded and shown to the applicant");
            }
            try {
                determinations.determine(task.getCaseId(), amount, comment, user.getName());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("variables.amount", "variables.amount: " + e.getMessage());
            } catch (IllegalStateException e) {
                throw ApiException.conflict(e.getMessage());
            }
            recorded.put("determinedAmount", amount.toPlainString());
            jobVariables.put("determinedAmount", amount.toPlainString());
        }
        if (FORMAL_CHECK_FORM.equals(task.getDetails().get("form")) && task.getCaseId() != null) {
            // any formal check of any model: the officer's marks; the case passes only with every condition met
            List<EligibilityChecks.Item> checklist = eligibility.mark(lockCase(task), form.get("conditions"),
                    user.getName(), outcome.equals("APPROVE"));
            Map<String, Object> marks = new LinkedHashMap<>();
            checklist.forEach(i -> marks.put(i.condition().id(), i.effective() == null ? "UNMARKED"
                    : i.effective().name() + (i.officerNote() == null ? "" : ": " + i.officerNote())));
            if (!marks.isEmpty()) {
                recorded.put("conditions", marks);
            }
        }
        if (RecordedDecisions.STAGE_REVIEW_FORM.equals(task.getDetails().get("form")) && outcome.equals("STOP")) {
            // any stage review of any model (赛马): the later stages are not funded, the stages paid stand
            Object number = task.getDetails().get("trancheNumber");
            if (number == null || task.getCaseId() == null) {
                throw ApiException.conflict("task " + task.getId() + " names no stage of a case");
            }
            try {
                disbursement.stopBeforeStage(task.getCaseId(), Integer.parseInt(number.toString()), user.getName(),
                        comment);
            } catch (IllegalStateException e) {
                throw ApiException.conflict(e.getMessage());
            }
            recorded.put("stoppedBeforeStage", number);
        }
        // behaviour hangs on the task's form (its "form" header), never on its element id: a process owner may
        // rename, reorder or add steps that reuse a form
        switch (String.valueOf(task.getDetails().getOrDefault("form", ""))) {
            case RUBRIC_FORM -> {
                if (outcome.equals("SCORE")) {
                    if (!(form.get("scores") instanceof Map<?, ?> raw)) {
                        throw ApiException.badRequest("variables.scores", "variables.scores is required: a score 0–100 "
                                + "per criterion " + rubric.criteria().stream().map(Rubric.Criterion::id).toList());
                    }
                    Map<String, Object> scores = new LinkedHashMap<>();
                    raw.forEach((k, v) -> scores.put(String.valueOf(k), v));
                    BigDecimal score = rubric.score(scores);
                    BigDecimal recommended = form.get("recommendedAmount") == null
                            || String.valueOf(form.get("recommendedAmount")).isBlank() ? null
                            : Money.parse("variables.recommendedAmount", form.get("recommendedAmount"));
                    experts.scored(task.getCaseId(), user.getName(), score, scores, recommended);
                    recorded.put("scores", scores);
                    if (recommended != null) {
                        recorded.put("recommendedAmount", recommended.toPlainString());
                    }
                    recorded.put("score", score);
                    jobVariables.put("score", score);
                } else {
                    experts.recused(task.getCaseId(), user.getName(), comment);
                }
            }
            case AUDIT_FORM -> {
                if (outcome.equals("APPROVE")) {
                    // the report of this audit: of kind AUDIT_REPORT (only auditors may file that kind), uploaded
                    // since the task was handed to the auditors
                    CaseDocument report = documents.findByCaseIdOrderByUploadedAtAsc(task.getCaseId()).stream()
                            .filter(d -> AUDIT_REPORT.equals(d.getKind())
                                    && !d.getUploadedAt().isBefore(task.getCreatedAt()))
                            .reduce((first, second) -> second)
                            .orElseThrow(() -> ApiException.badRequest("documents", "upload the audit report (专项审计报告) "
                                    + "of this audit as a document of kind " + AUDIT_REPORT
                                    + " before confirming the amounts"));
                    Map<String, Object> confirmed = confirmedInputs(task, form.get("confirmedInputs"));
                    recorded.put("confirmedInputs", confirmed);
                    recorded.put("auditReport", report.getId().toString());
                    recorded.put("auditReportBy", report.getUploadedBy());
                }
            }
            case OBJECTION_FORM -> {
                Object objectionId = task.getDetails().get("objectionId");
                if (objectionId != null) {
                    objections.decide(UUID.fromString(objectionId.toString()), outcome.equals("UPHOLD"),
                            user.getName(), comment);
                }
            }
            case FINANCE_APPROVAL_FORM -> {
                if (outcome.equals("APPROVE")) {
                    BigDecimal amount = trancheAmount(task);
                    FinanceApprovalRouting.Routing route = route(FinanceApprovalRouting.Level.FIRST, user.getName(),
                            amount);
                    if (!route.mayApprove()) {
                        throw ApiException.forbidden("finance approval routing (" + route.row().describe()
                                + ") does not let " + user.getName() + " approve " + amount.toPlainString());
                    }
                    // a limit that does not cover the amount always needs the second approver, whatever a row says
                    boolean second = route.secondApprovalRequired() || amount.compareTo(route.approvalLimit()) > 0;
                    jobVariables.put("secondApprovalRequired", second);
                    recorded.put("limit", route.approvalLimit().toPlainString());
                    recorded.put("secondApprovalRequired", second);
                    recorded.put("decision", route.row().describe());
                    recordApproval(task, TrancheApproval.Level.FIRST, user.getName(), route.approvalLimit());
                    noteRouting(task, route, user.getName(), "初审 first approval of " + amount.toPlainString()
                            + ": limit " + route.approvalLimit().toPlainString() + (second ? ", 需复核 a second approver is needed"
                            : ", 无需复核 no second approver"));
                }
            }
            case SECOND_APPROVAL_FORM -> {
                if (user.getName().equals(task.getDetails().get("firstApprover"))) {
                    throw ApiException.forbidden("the second approval (复核) must be given by another finance officer "
                            + "than the first approver " + task.getDetails().get("firstApprover"));
                }
                BigDecimal amount = trancheAmount(task);
                if (outcome.equals("APPROVE")) {
                    FinanceApprovalRouting.Routing route = route(FinanceApprovalRouting.Level.SECOND, user.getName(),
                            amount);
                    if (!route.mayApprove() || amount.compareTo(route.approvalLimit()) > 0) {
                        throw ApiException.forbidden("your approval limit " + route.approvalLimit().toPlainString()
                                + " does not cover " + amount.toPlainString() + " (finance approval routing "
                                + route.row().describe() + ")");
                    }
                    recorded.put("limit", route.approvalLimit().toPlainString());
                    recorded.put("decision", route.row().describe());
                    recordApproval(task, TrancheApproval.Level.SECOND, user.getName(), route.approvalLimit());
                    noteRouting(task, route, user.getName(), "复核 second approval of " + amount.toPlainString()
                            + ": limit " + route.approvalLimit().toPlainString());
                }
            }
            case CLAWBACK_FORM -> disbursement.recovered(task.getCaseId(), user.getName());
            case CORRECTION_FORM -> {
                if (outcome.equals("RESUBMIT") && form.get("inputs") != null) {
                    recorded.put("inputs", correctedInputs(task, form.get("inputs")));
                }
                if (outcome.equals("RESUBMIT") && form.get("eligibility") != null) {
                    if (!(form.get("eligibility") instanceof Map<?, ?> answers)) {
                        throw ApiException.badRequest("variables.eligibility",
                                "variables.eligibility must be an object of condition → answer");
                    }
                    Map<String, Object> corrected = new LinkedHashMap<>();
                    answers.forEach((k, v) -> corrected.put(String.valueOf(k), v));
                    eligibility.answer(lockCase(task), corrected, "variables.eligibility");
                    recorded.put("eligibility", corrected);
                }
            }
            default -> {
                // approve / return / reject decisions carry no form values
            }
        }
        task.complete(user.getName(), outcome, comment, recorded, clock.instant());
        audit.acted(user.getName(), "complete-task", task.getCaseId(), "task " + task.getElementId() + " ("
                + task.getName() + "): " + outcome + (comment == null || comment.isEmpty() ? "" : ", " + comment));
        return new Completion(task, tasks.completeInProcess(task, jobVariables));
    }

    /** A completed task and the outbox command that hands its outcome to the process once the completion committed. */
    public record Completion(InboxTask task, EngineCommand engineCommand) {
    }

    /** Claims an open task for the user (409 when someone else holds it); claiming it again is harmless. */
    @Transactional
    public InboxTask claim(UUID id, Authentication user, boolean claim) {
        InboxTask task = tasks.lock(id).orElseThrow(() -> ApiException.notFound("task " + id));
        if (!mayWork(task, user)) {
            throw ApiException.notFound("task " + id);
        }
        if (task.getStatus() != InboxTask.Status.OPEN) {
            throw ApiException.conflict("task " + id + " is already " + task.getStatus());
        }
        if (task.getClaimedBy() != null && !task.getClaimedBy().equals(user.getName())) {
            throw ApiException.conflict("task " + id + " is claimed by " + task.getClaimedBy());
        }
        if (claim) {
            task.claim(user.getName());
        } else {
            task.unclaim();
        }
        return task;
    }

    public GrantCase caseOf(InboxTask task) {
        return task.getCaseId() == null ? null : cases.findById(task.getCaseId()).orElse(null);
    }

    /** The cases of many tasks, in one query: case id → case. */
    public Map<UUID, GrantCase> casesOf(List<InboxTask> tasks) {
        List<UUID> ids = tasks.stream().map(InboxTask::getCaseId).filter(java.util.Objects::nonNull).distinct().toList();
        Map<UUID, GrantCase> byId = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            cases.findAllByIds(ids.subList(from, Math.min(ids.size(), from + 1000)).toArray(UUID[]::new))
                    .forEach(c -> byId.put(c.getId(), c));
        }
        return byId;
    }

    private String caseOwner(InboxTask task) {
        return task.getCaseId() == null ? null
                : cases.findById(task.getCaseId()).map(GrantCase::getApplicantUser).orElse(null);
    }

    /** The approval execute-payout will require: recorded with the approver's limit, against the planned tranche. */
    private FinanceApprovalRouting.Routing route(FinanceApprovalRouting.Level level, String approver,
            BigDecimal amount) {
        try {
            return routing.route(level, approver, amount);
        } catch (IllegalStateException e) {
            throw new ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, null,
                    "finance approval routing is not available, nothing was approved: " + e.getMessage());
        }
    }

    /** The case's timeline names the finance approval decision and the row that applied. */
    private void noteRouting(InboxTask task, FinanceApprovalRouting.Routing route, String approver, String what) {
        if (task.getCaseId() != null) {
            progress.note(task.getCaseId(), TimelineEntry.Event.DECIDED, approver, "资金拨付审批权限 finance approval "
                    + "routing " + route.row().describe() + " · tranche " + task.getDetails().get("trancheNumber")
                    + " · " + what, task.getId() + ":" + FinanceApprovalRouting.DECISION, task.getElementId(),
                    null);
        }
    }

    private void recordApproval(InboxTask task, TrancheApproval.Level level, String approver, BigDecimal limit) {
        Object number = task.getDetails().get("trancheNumber");
        if (number == null || task.getCaseId() == null) {
            throw ApiException.conflict("task " + task.getId() + " names no tranche of a case");
        }
        try {
            payouts.approve(task.getCaseId(), Integer.parseInt(number.toString()), level, approver, limit,
                    task.getId());
        } catch (PayoutRefusedException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private static BigDecimal trancheAmount(InboxTask task) {
        Object raw = task.getDetails().get("trancheAmount");
        if (raw == null) {
            throw ApiException.conflict("task " + task.getId() + " carries no tranche amount");
        }
        return Money.parse("trancheAmount", raw.toString());
    }

    private Map<String, Object> confirmedInputs(InboxTask task, Object raw) {
        if (!(raw instanceof Map<?, ?> map) || map.isEmpty()) {
            throw ApiException.badRequest("variables.confirmedInputs",
                    "variables.confirmedInputs is required: the audited amount per basis, e.g. {\"AUDITED_COST\": \"1000000.00\"}");
        }
        GrantCase grantCase = lockCase(task);
        Measure measure = measureOf(grantCase);
        Set<String> amountBases = measure.inputs().stream().filter(i -> i.kind() == InputSpec.Kind.AMOUNT)
                .map(InputSpec::code).collect(Collectors.toSet());
        Map<String, Object> confirmed = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String basis = String.valueOf(e.getKey());
            String field = "variables.confirmedInputs." + basis;
            if (!amountBases.contains(basis)) {
                throw ApiException.badRequest(field, field + " is not an amount basis of measure " + measure.id()
                        + " (it takes " + amountBases + ")");
            }
            confirmed.put(basis, Money.parse(field, e.getValue()).toPlainString());
        }
        grantCase.confirmInputs(confirmed, clock.instant());
        return confirmed;
    }

    private Map<String, Object> correctedInputs(InboxTask task, Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw ApiException.badRequest("variables.inputs", "variables.inputs must be an object of basis → amount");
        }
        GrantCase grantCase = lockCase(task);
        Map<String, Object> inputs = new LinkedHashMap<>();
        map.forEach((k, v) -> inputs.put(String.valueOf(k), v));
        try {
            InputParser.parse(measureOf(grantCase).rule(), inputs);
        } catch (cn.grants.domain.money.InvalidAmountException e) {
            throw ApiException.badRequest("variables." + e.field(), "variables." + e.getMessage());
        }
        grantCase.correctInputs(inputs, clock.instant());
        return inputs;
    }

    private GrantCase lockCase(InboxTask task) {
        return cases.lockById(task.getCaseId()).orElseThrow(() -> ApiException.notFound("case " + task.getCaseId()));
    }

    private Measure measureOf(GrantCase grantCase) {
        return catalogue.find(grantCase.getMeasureId())
                .orElseThrow(() -> ApiException.conflict("measure " + grantCase.getMeasureId() + " left the catalogue"));
    }
}
