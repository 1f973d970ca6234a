package cn.grants.api.recovery;

import cn.grants.api.cases.LifecycleSettings;
import cn.grants.api.engine.EngineCompensation;
import cn.grants.domain.cases.CaseStatus;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.cases.TimelineEntry;
import cn.grants.domain.cases.TimelineRepository;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.objections.Objection;
import cn.grants.domain.objections.ObjectionRepository;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.CreateProcessInstanceCommandStep1.CreateProcessInstanceCommandStep3;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The in-memory engine starts empty while PostgreSQL keeps the rounds and cases: at start, every round and case that
 * was running is re-created where it was, from what the database holds.
 * <ul>
 * <li>the inbox tasks of the lost engine are cancelled (the re-created processes open exactly one task per human
 * step);</li>
 * <li>a round is re-created at its wait state: waiting for its window (same {@code windowCloses}), checking the
 * reviews, at the cut confirmation, committing the batch, or in its per-case publicity with the cases still listed
 * ({@code listedCases}, same {@code publicityEnds}, each resumed in its publicity, at the investigation of its
 * objection or in its disbursement: {@code resume});</li>
 * <li>a case in review is re-created as a standalone case review ({@code grant-lifecycle}, what the round's call
 * activity would have run) at its step: formal check, correction (original deadline), expert review (the same experts:
 * {@code draw-expert} answers the slot's expert and the score already given), special audit or calculation;</li>
 * <li>a case whose clawback awaits finance is re-created at {@code UserTask_ConfirmRecovery}.</li>
 * </ul>
 * Where the exact state is not kept (a payout approved but not made) the case returns to the last human step before
 * it, never to the start. Each resumed case gets a timeline entry "恢复 resumed after engine restart at …"; nobody is
 * notified again (a stage announced again changes nothing). With a Zeebe cluster nothing is lost and nothing runs.
 */
@Component
public class EngineResetRecovery {

    private static final Logger log = LoggerFactory.getLogger(EngineResetRecovery.class);

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String ROUND_PROCESS = "grant-round";
    static final String REVIEW_PROCESS = "grant-lifecycle";
    static final String DISBURSEMENT_PROCESS = "grant-disbursement";
    /** A deadline that passed while the system was down fires at once (well, after this). */
    static final Duration AT_ONCE = Duration.ofSeconds(1);

    /** Where a case review resumes, by the stage the case is at (null: from its start). */
    static final Map<Stage, String> REVIEW_STEPS = reviewSteps();
    /** Stages of a listed case whose round resumes it in its disbursement (the call activity of the round). */
    static final Set<Stage> DISBURSING = Stage.of(Stage.Phase.DISBURSEMENT);

    private final GrantCaseRepository cases;
    private final FundingRoundRepository rounds;
    private final cn.grants.domain.rounds.RoundBatchPlanRepository batchPlans;
    private final InboxTaskRepository tasks;
    private final TimelineRepository timeline;
    private final ObjectionRepository objections;
    private final PolicyCatalogue catalogue;
    private final LifecycleSettings settings;
    private final CamundaClient camunda;
    private final EngineCompensation compensation;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean embedded;
    private final String engineEpoch;

    public EngineResetRecovery(GrantCaseRepository cases, FundingRoundRepository rounds, InboxTaskRepository tasks,
            TimelineRepository timeline, ObjectionRepository objections, PolicyCatalogue catalogue,
            LifecycleSettings settings, CamundaClient camunda, EngineCompensation compensation, TransactionTemplate tx,
            Clock clock, cn.grants.domain.rounds.RoundBatchPlanRepository batchPlans,
            @Value("${grants.zeebe.embedded:false}") boolean embedded,
            @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this.batchPlans = batchPlans;
        this.cases = cases;
        this.rounds = rounds;
        this.tasks = tasks;
        this.timeline = timeline;
        this.objections = objections;
        this.catalogue = catalogue;
        this.settings = settings;
        this.camunda = camunda;
        this.compensation = compensation;
        this.tx = tx;
        this.clock = clock;
        this.embedded = embedded;
        this.engineEpoch = engineEpoch;
    }

    private static Map<Stage, String> reviewSteps() {
        Map<Stage, String> steps = new LinkedHashMap<>();
        steps.put(Stage.SUBMITTED, null);
        steps.put(Stage.FORMAL_CHECK, "UserTask_FormalCheck");
        steps.put(Stage.CORRECTION, "UserTask_Correction");
        steps.put(Stage.EXPERT_REVIEW, "SubProcess_ExpertReview");
        steps.put(Stage.SPECIAL_AUDIT, "UserTask_SpecialAudit");
        steps.put(Stage.CALCULATION, "ServiceTask_CalculateSubsidy");
        return Collections.unmodifiableMap(steps);
    }

    /** What was resumed, for the log. */
    public record Report(int tasksCancelled, int rounds, int cases, int failed) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public void resumeAfterEngineReset() {
        if (!embedded) {
            return;
        }
        Report report = resume();
        if (report.rounds() + report.cases() + report.failed() > 0) {
            log.info("engine restart: {} rounds and {} cases resumed from the database, {} tasks of the lost engine "
                    + "cancelled, {} failed", report.rounds(), report.cases(), report.tasksCancelled(), report.failed());
        }
    }

    /** Re-creates every running round and case whose process belonged to an engine that is gone. */
    public Report resume() {
        Instant now = clock.instant();
        int cancelled = Objects.requireNonNull(tx.execute(status -> {
            List<InboxTask> lost = tasks.findByStatus(InboxTask.Status.OPEN).stream()
                    .filter(t -> !engineEpoch.equals(t.getEngineEpoch())).toList();
            lost.forEach(t -> t.cancel(now));
            return lost.size();
        }));
        int resumedRounds = 0;
        int resumedCases = 0;
        int failed = 0;
        for (FundingRound round : rounds.findAllByOrderByCreatedAtDesc()) {
            if (round.getStatus() == FundingRound.Status.CLOSED || engineEpoch.equals(round.getEngineEpoch())) {
                continue;
            }
            try {
                resumedCases += resumeRound(round.getId());
                resumedRounds++;
            } catch (RuntimeException e) {
                failed++;
                log.error("round {} could not be resumed after the engine restart", round.getId(), e);
            }
        }
        for (GrantCase c : cases.findByStatusIn(List.of(CaseStatus.IN_PROGRESS, CaseStatus.RETURNED))) {
            Stage stage = stageOf(c);
            boolean inReview = stage != null && REVIEW_STEPS.containsKey(stage);
            if (engineEpoch.equals(c.getEngineEpoch()) || !(inReview || stage == Stage.CLAWBACK)) {
                continue; // already on this engine, or the round resumes it (awaiting the batch, publicity, disbursement)
            }
            try {
                if (inReview) {
                    resumeReview(c.getId());
                } else {
                    resumeClawback(c.getId());
                }
                resumedCases++;
            } catch (RuntimeException e) {
                failed++;
                log.error("case {} could not be resumed after the engine restart", c.getId(), e);
            }
        }
        return new Report(cancelled, resumedRounds, resumedCases, failed);
    }

    /** Re-creates a round at its wait state; answers the number of its cases resumed in it. */
    int resumeRound(UUID roundId) {
        return Objects.requireNonNull(tx.execute(status -> {
            FundingRound round = rounds.lockById(roundId).orElseThrow();
            Map<String, Object> variables = roundVariables(round);
            List<GrantCase> ofRound = cases.findByRoundIdOrderByCreatedAt(roundId);
            String element;
            Map<GrantCase, String> resumedHere = new LinkedHashMap<>(); // case → the step it resumes at
            switch (round.getStatus()) {
                case OPEN -> element = "Event_WindowClosed";
                case REVIEWING -> element = "ServiceTask_CheckReviews";
                case DECIDING -> {
                    boolean oversubscribed = batchPlans.findById(roundId)
                            .map(cn.grants.domain.rounds.RoundBatchPlan::oversubscribed).orElse(false);
                    boolean committed = ofRound.stream().anyMatch(c -> c.getApprovedAmount() != null);
                    boolean confirmed = tasks.findByRoundIdAndStatus(roundId, InboxTask.Status.COMPLETED).stream()
                            .anyMatch(t -> "UserTask_ConfirmCut".equals(t.getElementId()));
                    element = oversubscribed && !committed && !confirmed ? "UserTask_ConfirmCut"
                            : "ServiceTask_CommitBatch";
                    variables.put("oversubscribed", oversubscribed);
                }
                case PUBLICITY -> {
                    element = "SubProcess_CasePublicity";
                    List<String> listed = new ArrayList<>();
                    Map<String, Object> resume = new HashMap<>();
                    for (GrantCase c : ofRound) {
                        Stage stage = stageOf(c);
                        if (c.getPublicityEnds() == null || stage.ended() || stage == Stage.CLAWBACK) {
                            continue;
                        }
                        listed.add(c.getId().toString());
                        Map<String, Object> at = new HashMap<>();
                        if (stage == Stage.PUBLICITY || stage == Stage.ON_HOLD) {
                            // an objection under investigation holds the case, also one whose message the lost
                            // engine had not yet correlated
                            Optional<Objection> open = objections.findByCaseIdOrderByReceivedAt(c.getId()).stream()
                                    .filter(o -> o.getStatus() == Objection.Status.UNDER_INVESTIGATION)
                                    .reduce((first, later) -> later);
                            at.put("at", open.isPresent() ? "ON_HOLD" : "PUBLICITY");
                            open.ifPresent(o -> {
                                at.put("objectionId", o.getId().toString());
                                at.put("objectionType", o.getType().name());
                            });
                        } else if (DISBURSING.contains(stage)) {
                            at.put("at", "DISBURSEMENT");
                        } else {
                            continue; // listed but not yet announced: the publicity starts for it as for a new listing
                        }
                        resume.put(c.getId().toString(), at);
                        resumedHere.put(c, switch (String.valueOf(at.get("at"))) {
                            case "ON_HOLD" -> Stage.ON_HOLD.label();
                            case "PUBLICITY" -> Stage.PUBLICITY.label();
                            default -> stage == Stage.PAYOUT
                                    ? Stage.FINANCE_APPROVAL.label() + " (the payout had not been made)" : stage.label();
                        });
                    }
                    variables.put("listedCases", listed);
                    variables.put("resume", resume);
                    variables.put("publicityEnds", dateTime(round.getPublicityEnds()));
                    variables.put("lastActor", "system");
                }
                default -> throw new IllegalStateException("round " + roundId + " is " + round.getStatus());
            }
            ProcessInstanceEvent instance = create(ROUND_PROCESS, element, variables);
            round.started(engineEpoch, instance.getProcessInstanceKey());
            resumedHere.forEach((c, step) -> record(c, step, null, instance.getProcessDefinitionKey()));
            log.info("round {} resumed at {} ({} of its cases in it)", roundId, element, resumedHere.size());
            return resumedHere.size();
        }));
    }

    /** Re-creates the review of a case as a standalone case review, at the step its stage names. */
    void resumeReview(UUID caseId) {
        tx.executeWithoutResult(status -> {
            GrantCase c = cases.lockById(caseId).orElseThrow();
            Stage stage = stageOf(c);
            String element = REVIEW_STEPS.get(stage);
            FundingRound round = c.getRoundId() == null ? null : rounds.findById(c.getRoundId()).orElse(null);
            Map<String, Object> variables = round == null ? new HashMap<>() : roundVariables(round);
            variables.putIfAbsent("expertsPerCase", settings.expertsPerCase());
            variables.putIfAbsent("passScore", settings.passScore());
            variables.putIfAbsent("correctionPeriod", settings.correctionPeriod().toString());
            variables.putIfAbsent("expertResponsePeriod", settings.expertResponsePeriod().toString());
            variables.put("caseId", caseId.toString());
            variables.put("measureId", c.getMeasureId());
            variables.put("applicantUser", c.getApplicantUser());
            variables.put("lastActor", "system");
            variables.put("auditRequired", catalogue.find(c.getMeasureId()).map(Measure::auditRequired).orElse(false));
            if (stage == Stage.CORRECTION) {
                variables.put("correctionRemaining", correctionRemaining(c).toString());
            }
            if (c.getReviewExperts() != null) {
                // the route recorded when the case entered the review: the resumed steps follow it
                variables.put("reviewRoute", Map.of("experts", c.getReviewExperts(), "passScore",
                        c.getReviewPassScore(), "specialAudit", Boolean.TRUE.equals(c.getReviewAudit())));
            } else if (stage == Stage.EXPERT_REVIEW) {
                element = "BusinessRule_ReviewRoute"; // entered the review but no route recorded yet: decide it
            }
            ProcessInstanceEvent instance = create(REVIEW_PROCESS, element, variables);
            c.resumed(engineEpoch, instance.getProcessInstanceKey(), instance.getProcessDefinitionKey(), clock.instant());
            record(c, stage.label(), element, instance.getProcessDefinitionKey());
            log.info("case {} resumed at {} in a case review of its own", caseId, element == null ? "its start" : element);
        });
    }

    /** Re-creates the disbursement of a case whose clawback finance has to confirm. */
    void resumeClawback(UUID caseId) {
        tx.executeWithoutResult(status -> {
            GrantCase c = cases.lockById(caseId).orElseThrow();
            Map<String, Object> variables = new HashMap<>();
            variables.put("caseId", caseId.toString());
            variables.put("lastActor", "system");
            variables.put("rejectionReason", c.getRejectionReason());
            variables.put("clawbackAmount", c.getClawbackAmount() == null ? null : c.getClawbackAmount().toPlainString());
            if (c.getRoundId() != null) {
                variables.put("roundId", c.getRoundId().toString());
            }
            ProcessInstanceEvent instance = create(DISBURSEMENT_PROCESS, "UserTask_ConfirmRecovery", variables);
            c.resumed(engineEpoch, instance.getProcessInstanceKey(), instance.getProcessDefinitionKey(), clock.instant());
            record(c, Stage.CLAWBACK.label(), "UserTask_ConfirmRecovery", instance.getProcessDefinitionKey());
        });
    }

    private ProcessInstanceEvent create(String processId, String element, Map<String, Object> variables) {
        CreateProcessInstanceCommandStep3 command = camunda.newCreateInstanceCommand().bpmnProcessId(processId)
                .latestVersion().variables(variables);
        if (element != null) {
            command = command.startBeforeElement(element);
        }
        ProcessInstanceEvent instance = command.send().join();
        // the instance's key is recorded in the surrounding transaction: if it does not commit, the instance goes
        compensation.cancelUnlessCommitted(instance.getProcessInstanceKey(), processId + " resumed for " + variables
                .getOrDefault("caseId", variables.get("roundId")));
        return instance;
    }

    /** The variables the round was opened with (RoundService), from the round and the current settings. */
    private Map<String, Object> roundVariables(FundingRound round) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("roundId", round.getId().toString());
        variables.put("windowCloses", dateTime(round.getWindowCloses()));
        variables.put("reviewPoll", settings.reviewPoll().toString());
        variables.put("expertsPerCase", round.getExpertsPerCase());
        variables.put("passScore", round.getPassScore());
        variables.put("correctionPeriod", settings.correctionPeriod().toString());
        variables.put("expertResponsePeriod", settings.expertResponsePeriod().toString());
        variables.put("lastActor", round.getCreatedBy() == null ? "system" : round.getCreatedBy());
        return variables;
    }

    /** What is left of the correction period, counted from when the case was returned; at least {@link #AT_ONCE}. */
    private Duration correctionRemaining(GrantCase c) {
        Instant returned = timeline.findByCaseIdOrderByIdAsc(c.getId()).stream()
                .filter(e -> Stage.CORRECTION.name().equals(e.getStage()) && e.getEvent() == TimelineEntry.Event.ENTERED)
                .map(TimelineEntry::getAt).max(Comparator.naturalOrder()).orElse(clock.instant());
        Instant deadline = returned.atZone(BEIJING).plus(settings.correctionPeriod()).toInstant();
        Duration left = Duration.between(clock.instant(), deadline);
        return left.compareTo(AT_ONCE) < 0 ? AT_ONCE : left;
    }

    private void record(GrantCase c, String step, String elementId, Long processDefinitionKey) {
        timeline.recordAt(c.getId(), c.getCurrentStage().name(), TimelineEntry.Event.ENTERED.name(), clock.instant(), "system",
                "恢复 resumed after engine restart at " + step, c.getId() + ":resumed:" + engineEpoch, elementId,
                processDefinitionKey);
    }

    private static Stage stageOf(GrantCase c) {
        return c.getCurrentStage();
    }

    private static String dateTime(Instant instant) {
        return instant == null ? null : ZonedDateTime.ofInstant(instant, BEIJING).toOffsetDateTime().toString();
    }
}
