package cn.grants.api.cases;

import cn.grants.domain.cases.LimitException;
import cn.grants.domain.cases.LimitExceptionRepository;
import cn.grants.domain.documents.CaseDocument;
import cn.grants.domain.objections.Objection;
import cn.grants.domain.payouts.Payout;
import cn.grants.domain.payouts.Tranche;

import cn.grants.api.engine.EngineCommandRelay;
import cn.grants.api.problems.ApiException;
import cn.grants.api.security.Roles;
import cn.grants.domain.cases.AmountDeterminations;
import cn.grants.domain.cases.EligibilityChecks;
import cn.grants.domain.cases.LimitExceptions;
import cn.grants.domain.cases.DoubleFunding;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.engine.EngineCommand;
import cn.grants.domain.cases.TimelineRepository;
import cn.grants.domain.catalogue.Determination;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import cn.grants.domain.documents.CaseDocumentRepository;
import cn.grants.domain.cases.TimelineEntry;
import cn.grants.domain.experts.ExpertDrawService;
import cn.grants.domain.models.ProcessModel;
import cn.grants.domain.models.ProcessModelRepository;
import cn.grants.domain.objections.ObjectionRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import cn.grants.domain.payouts.PayoutRepository;
import cn.grants.domain.payouts.TrancheRepository;
import cn.grants.api.tasks.inbox.TaskInbox;
import cn.grants.domain.tasks.InboxTask;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cases")
public class CaseController {

    private final CaseService service;
    private final PolicyCatalogue catalogue;
    private final TimelineRepository timeline;
    private final CaseDocumentRepository documents;
    private final PayoutRepository payouts;
    private final TaskInbox tasks;
    private final TrancheRepository tranches;
    private final ObjectionRepository objections;
    private final ExpertDrawService draws;
    private final ProcessModelRepository models;
    private final EngineCommandRelay engine;
    private final DoubleFunding doubleFunding;
    private final AmountDeterminations determinations;
    private final EligibilityChecks eligibility;
    private final LimitExceptions limits;
    private final LimitExceptionRepository limitExceptions;

    public CaseController(CaseService service, PolicyCatalogue catalogue, TimelineRepository timeline,
            CaseDocumentRepository documents, PayoutRepository payouts, TaskInbox tasks,
            TrancheRepository tranches, ObjectionRepository objections, ExpertDrawService draws,
            ProcessModelRepository models, EngineCommandRelay engine, DoubleFunding doubleFunding,
            AmountDeterminations determinations, EligibilityChecks eligibility, LimitExceptions limits,
            LimitExceptionRepository limitExceptions) {
        this.limitExceptions = limitExceptions;
        this.limits = limits;
        this.determinations = determinations;
        this.eligibility = eligibility;
        this.engine = engine;
        this.doubleFunding = doubleFunding;
        this.tranches = tranches;
        this.draws = draws;
        this.models = models;
        this.objections = objections;
        this.service = service;
        this.catalogue = catalogue;
        this.timeline = timeline;
        this.documents = documents;
        this.payouts = payouts;
        this.tasks = tasks;
    }

    @PostMapping
    public ResponseEntity<CaseView> create(@Valid @RequestBody CaseRequests.CreateCase request, Authentication user) {
        GrantCase created = service.create(request, user);
        return ResponseEntity.created(URI.create("/api/cases/" + created.getId())).body(view(created, user));
    }

    @GetMapping
    public org.springframework.http.ResponseEntity<List<CaseView>> list(Authentication user,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String status,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String stage,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String roundId,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String measureId,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String page,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String size) {
        if (status == null && stage == null && roundId == null && measureId == null && page == null && size == null) {
            List<GrantCase> all = service.list(user);
            return org.springframework.http.ResponseEntity.ok().header("X-Total-Count", String.valueOf(all.size()))
                    .body(views(all, user));
        }
        // filtered and paged in the database: status, stage, roundId, measureId; page (from 0) and size (1–500)
        String statusName = enumName("status", status, cn.grants.domain.cases.CaseStatus.class);
        String stageName = enumName("stage", stage, cn.grants.domain.cases.Stage.class);
        UUID round;
        try {
            round = roundId == null || roundId.isBlank() ? null : UUID.fromString(roundId.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("roundId", "roundId must be a UUID");
        }
        int pageNumber = cn.grants.api.problems.RequestNumbers.of("page", page, 0, 0, 1_000_000);
        int pageSize = cn.grants.api.problems.RequestNumbers.of("size", size, 100, 1,
                cn.grants.api.problems.RequestNumbers.MAX_PAGE_SIZE);
        org.springframework.data.domain.Page<GrantCase> found = service.search(user, statusName, stageName, round,
                measureId == null || measureId.isBlank() ? null : measureId.trim(),
                org.springframework.data.domain.PageRequest.of(pageNumber, pageSize));
        return org.springframework.http.ResponseEntity.ok().header("X-Total-Count",
                String.valueOf(found.getTotalElements())).body(views(found.getContent(), user));
    }

    private static <E extends Enum<E>> String enumName(String field, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim()).name();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, field + " must be one of " + java.util.Arrays.toString(
                    type.getEnumConstants()));
        }
    }

    @GetMapping("/{id}")
    public CaseView get(@PathVariable UUID id, Authentication user) {
        return view(service.visible(id, user), user);
    }

    /**
     * Submits: 200 when the round took the application; 202 when the submission is recorded and the engine did not
     * answer yet (it is handed over as soon as it does).
     */
    @PostMapping("/{id}/submit")
    public ResponseEntity<CaseView> submit(@PathVariable UUID id, Authentication user) {
        CaseService.Submission submission = service.submit(id, user);
        EngineCommand.Status handedOver = engine.send(submission.engineCommand());
        CaseView view = view(submission.grantCase(), user);
        return handedOver == EngineCommand.Status.APPLIED ? ResponseEntity.ok(view)
                : ResponseEntity.accepted().body(view);
    }

    /**
     * The applicant answers eligibility conditions of its draft (again): condition → answer, as when applying. A case
     * returned for correction answers through its correction task ({@code variables.eligibility}).
     */
    @PutMapping("/{id}/eligibility")
    public CaseView answerEligibility(@PathVariable UUID id, @RequestBody Map<String, Object> answers,
            Authentication user) {
        return view(service.answerEligibility(id, answers, user), user);
    }

    /** The expert draw of a case (officers): who was drawn for each slot and attempt, and who was excluded why. */
    @GetMapping("/{id}/experts")
    @PreAuthorize("hasAnyRole('OFFICER', 'PROCESS_OWNER')")
    public List<Map<String, Object>> experts(@PathVariable UUID id, Authentication user) {
        service.visible(id, user);
        return draws.draws(id).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slot", d.getSlot());
            m.put("attempt", d.getAttempt());
            m.put("expertId", d.getExpertId());
            m.put("expertUser", d.getExpertUser());
            m.put("expertName", d.getExpertName());
            m.put("status", d.getStatus().name());
            m.put("score", d.getScore() == null ? null : d.getScore().toPlainString());
            m.put("recommendedAmount", d.getRecommendedAmount() == null ? null : d.getRecommendedAmount().toPlainString());
            m.put("drawnAt", d.getDrawnAt());
            m.put("exclusions", d.getExclusions().stream()
                    .map(e -> Map.of("expertId", e.expertId(), "reason", e.reason())).toList());
            return m;
        }).toList();
    }

    /** 核定 by an officer outside a task: the amount (within the ceiling) and the reason. */
    public record Determine(Object amount, String reason) {
    }

    /**
     * 核定 where the clause states a rate or amount as a ceiling ("不超过…", "最高…") and a rule computes it: the
     * calculated amount is the default and an officer may determine it lower, with the reason, until the batch
     * decides (a ceiling with nothing to compute it from is determined in the model's task instead). 400 naming
     * {@code amount} above the ceiling or {@code reason} without one; 409 when the case is not between its
     * calculation and its batch decision, or its measure states the amount.
     */
    @PostMapping("/{id}/determination")
    @PreAuthorize("hasRole('OFFICER')")
    public CaseView determine(@PathVariable UUID id, @RequestBody Determine request, Authentication user) {
        GrantCase c = service.visible(id, user);
        var measure = catalogue.find(c.getMeasureId()).orElseThrow();
        if (measure.determination() == Determination.REQUIRED) {
            throw ApiException.conflict("the amount of " + measure.id() + " is determined in its"
                    + " task (核定资助金额) of the case's process");
        }
        BigDecimal amount = Money.parse("amount", request == null ? null : request.amount());
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            throw ApiException.badRequest("reason", "reason is required: it is recorded and shown to"
                    + " the applicant");
        }
        try {
            return view(determinations.determine(id, amount, reason, user.getName()), user);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("amount", "amount: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** An officer's request to exceed a soft limit (一般/原则上) of the case's measure: the new value and the reason. */
    public record ExceedLimit(Object value, String reason) {
    }

    /** A second officer's decision on a request to exceed a soft limit; a refusal needs its note. */
    public record LimitDecision(String note) {
    }

    /**
     * 一般/原则上: an officer asks to exceed the measure's soft limit for this case (a cap in yuan, or a number of
     * years), with the reason; it takes effect only when a second officer approves it.
     */
    @PostMapping("/{id}/limit-exceptions")
    @PreAuthorize("hasRole('OFFICER')")
    public ResponseEntity<CaseView> exceedLimit(@PathVariable UUID id, @RequestBody ExceedLimit request,
            Authentication user) {
        service.visible(id, user);
        try {
            limits.request(id, request == null ? null : request.value(), request == null ? null : request.reason(),
                    user.getName());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        return ResponseEntity.status(201).body(view(service.visible(id, user), user));
    }

    /** The second officer approves (the case is recalculated with the limit raised) or refuses, with a note. */
    @PostMapping("/{id}/limit-exceptions/{exceptionId}/{decision:approve|refuse}")
    @PreAuthorize("hasRole('OFFICER')")
    public CaseView decideLimit(@PathVariable UUID id, @PathVariable UUID exceptionId, @PathVariable String decision,
            @RequestBody(required = false) LimitDecision request, Authentication user) {
        service.visible(id, user);
        try {
            limits.decide(id, exceptionId, decision.equals("approve"), request == null ? null : request.note(),
                    user.getName());
        } catch (java.util.NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        return view(service.visible(id, user), user);
    }

    /** One application of an enterprise, as the officer's formal check lists it. */
    public record RelatedApplication(UUID id, String measureId, String measureName, String clause, String subject,
            String stage, String stageName, String calculatedAmount, String approvedAmount, String paidAmount,
            java.time.Instant submittedAt, boolean sameThing) {
    }

    /** The overlap group of the case's measure: the measures that fund the same thing, once. */
    public record OverlapView(String id, String name, String nameEn, String key, String subject, String subjectEn,
            String reason, List<String> measures) {
    }

    public record Related(String enterprise, String creditCode, OverlapView overlapGroup,
            List<RelatedApplication> applications) {
    }

    /**
     * For the formal check (officers, auditors, finance, process owners; never experts nor applicants): the
     * enterprise's other applications and grants across all measures, each marked when it is for the same thing in
     * the same overlap group (which would be double funding).
     */
    @GetMapping("/{id}/related")
    @PreAuthorize("hasAnyRole('OFFICER', 'AUDITOR', 'FINANCE', 'PROCESS_OWNER')")
    public Related related(@PathVariable UUID id, Authentication user) {
        GrantCase c = service.visible(id, user);
        var group = doubleFunding.groupOf(c.getMeasureId());
        List<RelatedApplication> applications = doubleFunding.applicationsOf(c.getCreditCode()).stream()
                .filter(o -> !o.getId().equals(c.getId()) && o.getCurrentStage() != cn.grants.domain.cases.Stage.DRAFT)
                .map(o -> {
                    var measure = catalogue.find(o.getMeasureId());
                    boolean same = doubleFunding.sameThing(c, o);
                    return new RelatedApplication(o.getId(), o.getMeasureId(),
                            measure.map(m -> m.name()).orElse(null),
                            measure.map(m -> m.source().document().substring(0, 3) + " " + m.source().clause())
                                    .orElse(null),
                            o.fundedSubject(), o.getCurrentStage().name(), o.getCurrentStage().label(),
                            CaseView.money(o.getCalculatedAmount()), CaseView.money(o.getApprovedAmount()),
                            CaseView.money(o.getPaidAmount()), o.getSubmittedAt(), same);
                }).toList();
        return new Related(c.getApplicantName(), c.getCreditCode(), group.map(g -> new OverlapView(g.id(), g.name(),
                g.nameEn(), g.key().name(), g.subject(), g.subjectEn(), g.reason(), g.measures())).orElse(null),
                applications);
    }

    /**
     * The diagram of the process the case is in now (case review, round publicity or disbursement) with the elements
     * it passed and the one it is at: the elements come from its timeline and its tasks.
     */
    @GetMapping("/{id}/diagram")
    public Map<String, Object> diagram(@PathVariable UUID id, Authentication user) {
        GrantCase c = service.visible(id, user);
        List<TimelineEntry> entries = timeline.findByCaseIdOrderByIdAsc(id);
        TimelineEntry last = null;
        for (TimelineEntry e : entries) {
            if (e.getProcessDefinitionKey() != null) {
                last = e;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (last == null) {
            result.put("xml", null);
            return result;
        }
        long key = last.getProcessDefinitionKey();
        ProcessModel model = models.findByEngineEpochAndProcessDefinitionKey(c.getEngineEpoch(), key).orElse(null);
        java.util.Set<String> done = new java.util.LinkedHashSet<>();
        entries.stream().filter(e -> e.getElementId() != null && Long.valueOf(key).equals(e.getProcessDefinitionKey()))
                .forEach(e -> done.add(e.getElementId()));
        List<InboxTask> caseTasks = tasks.ofCase(id);
        caseTasks.stream().filter(t -> t.getStatus() == InboxTask.Status.COMPLETED).forEach(t -> done.add(t.getElementId()));
        List<String> current = caseTasks.stream().filter(t -> t.getStatus() == InboxTask.Status.OPEN)
                .map(InboxTask::getElementId).distinct().toList();
        if (current.isEmpty() && !c.hasEnded()) {
            current = List.of(last.getElementId());
        }
        result.put("processDefinitionKey", key);
        result.put("processId", model == null ? null : model.getBpmnProcessId());
        result.put("version", model == null ? null : model.getVersion());
        result.put("xml", model == null ? null : model.getXml());
        result.put("done", List.copyOf(done));
        result.put("current", current);
        result.put("finished", c.hasEnded());
        result.put("lastElement", last.getElementId());
        return result;
    }

    /** Many cases' views with a fixed number of queries per 500 cases, whatever their number (no query per case). */
    List<CaseView> views(List<GrantCase> list, Authentication user) {
        CaseView.Audience audience = audience(user);
        List<CaseView> views = new java.util.ArrayList<>(list.size());
        for (List<GrantCase> chunk : cn.grants.domain.persistence.InLists.chunks(list)) {
            List<UUID> ids = chunk.stream().map(GrantCase::getId).toList();
            var byTimeline = groupBy(timeline.findByCaseIdInOrderByIdAsc(ids), TimelineEntry::getCaseId);
            var byDocuments = groupBy(documents.findByCaseIdInOrderByUploadedAtAsc(ids), CaseDocument::getCaseId);
            var byPayouts = groupBy(payouts.findByCaseIdInOrderByTrancheAsc(ids), Payout::getCaseId);
            var byTasks = groupBy(tasks.openOfCases(ids), InboxTask::getCaseId);
            var byTranches = groupBy(tranches.findByCaseIdInOrderByNumber(ids), Tranche::getCaseId);
            var byObjections = groupBy(objections.findByCaseIdInOrderByReceivedAt(ids), Objection::getCaseId);
            var byLimits = groupBy(limitExceptions.findByCaseIdInOrderByRequestedAtAsc(ids), LimitException::getCaseId);
            var byChecks = eligibility.rowsOf(ids);
            for (GrantCase c : chunk) {
                List<CaseDocument> caseDocuments = byDocuments.getOrDefault(c.getId(), List.of());
                views.add(CaseView.of(c, catalogue.find(c.getMeasureId()).orElse(null),
                        byTimeline.getOrDefault(c.getId(), List.of()), caseDocuments,
                        byPayouts.getOrDefault(c.getId(), List.of()), byTasks.getOrDefault(c.getId(), List.of()),
                        byTranches.getOrDefault(c.getId(), List.of()), byObjections.getOrDefault(c.getId(), List.of()),
                        audience, user.getName(), eligibility.checklist(c.getMeasureId(),
                                byChecks.getOrDefault(c.getId(), List.of()), caseDocuments),
                        byLimits.getOrDefault(c.getId(), List.of())));
            }
        }
        return views;
    }

    private static <T> Map<UUID, List<T>> groupBy(List<T> rows, java.util.function.Function<T, UUID> caseId) {
        Map<UUID, List<T>> grouped = new java.util.HashMap<>();
        for (T row : rows) {
            grouped.computeIfAbsent(caseId.apply(row), k -> new java.util.ArrayList<>()).add(row);
        }
        return grouped;
    }

    private static CaseView.Audience audience(Authentication user) {
        return Roles.expertOnly(user) ? CaseView.Audience.EXPERT
                : Roles.isStaff(user) ? CaseView.Audience.STAFF : CaseView.Audience.APPLICANT;
    }

    /** One case as {@link #views} shows it: the same reads, one statement per kind of row. */
    CaseView view(GrantCase c, Authentication user) {
        return views(List.of(c), user).get(0);
    }
}
