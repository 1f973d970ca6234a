package cn.grants.api.rounds;

import cn.grants.api.security.Roles;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.api.problems.ApiException;
import cn.grants.domain.rounds.BatchExclusion;
import cn.grants.domain.rounds.BatchExclusions;
import cn.grants.domain.rounds.FundingPlanLine;
import cn.grants.domain.rounds.FundingPlanLineRepository;
import cn.grants.domain.rounds.FundingRound;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Funding rounds (批次): officers open them; everyone signed in sees which are open; staff see the batch plan,
 * the cases and the funding plan (资助计划).
 */
@RestController
@RequestMapping("/api/rounds")
public class RoundController {

    private final RoundService service;
    private final GrantCaseRepository cases;
    private final FundingPlanLineRepository planLines;
    private final BudgetService budgets;
    private final Clock clock;
    private final BatchExclusions exclusions;
    private final cn.grants.domain.rounds.RoundBatchPlanRepository batchPlans;

    public RoundController(RoundService service, GrantCaseRepository cases, FundingPlanLineRepository planLines,
            BudgetService budgets, Clock clock, BatchExclusions exclusions,
            cn.grants.domain.rounds.RoundBatchPlanRepository batchPlans) {
        this.batchPlans = batchPlans;
        this.exclusions = exclusions;
        this.service = service;
        this.cases = cases;
        this.planLines = planLines;
        this.budgets = budgets;
        this.clock = clock;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RoundView(UUID id, String name, List<String> measures, int year, Instant windowOpens,
            Instant windowCloses, boolean acceptingApplications, String status, int expertsPerCase, String passScore,
            Long processInstanceKey, Instant publicityEnds, String planNumber, List<Map<String, Object>> budgets,
            Unlimited unlimited, Map<String, Object> batchPlan, List<CaseLine> cases, List<PlanLine> fundingPlan,
            Map<String, Object> stages) {
    }

    /** An officer's recorded decision that measures of the round are not limited by a budget. */
    public record Unlimited(List<String> measures, String reason, String decidedBy, Instant decidedAt) {
        static Unlimited of(FundingRound r) {
            return r.getUnlimitedMeasures().isEmpty() ? null
                    : new Unlimited(r.getUnlimitedMeasures(), r.getUnlimitedReason(), r.getCreatedBy(),
                            r.getCreatedAt());
        }
    }

    public record CaseLine(UUID caseId, String applicant, String measureId, String projectTitle, String status,
            String stage, String calculatedAmount, String approvedAmount, String paidAmount, Exclusion excluded) {
        static CaseLine of(GrantCase c, Map<UUID, BatchExclusion> excluded) {
            return new CaseLine(c.getId(), c.getApplicantName(), c.getMeasureId(), c.getProjectTitle(),
                    c.getStatus().name(), c.getCurrentStage().name(), money(c.getCalculatedAmount()),
                    money(c.getApprovedAmount()), money(c.getPaidAmount()), Exclusion.of(excluded.get(c.getId())));
        }
    }

    /** A case taken out of the round's batch by an officer: who, when, why. */
    public record Exclusion(UUID caseId, UUID roundId, String reason, String excludedBy, Instant excludedAt) {
        static Exclusion of(BatchExclusion x) {
            return x == null ? null
                    : new Exclusion(x.getCaseId(), x.getRoundId(), x.getReason(), x.getExcludedBy(), x.getExcludedAt());
        }
    }

    public record ExcludeCase(String reason) {
    }

    public record PlanLine(int line, UUID caseId, String amount, Instant listedAt) {
        static PlanLine of(FundingPlanLine l) {
            return new PlanLine(l.getLineNo(), l.getCaseId(), l.getAmount().toPlainString(), l.getListedAt());
        }
    }

    private List<CaseLine> caseLines(FundingRound r) {
        Map<UUID, BatchExclusion> excluded = exclusions.ofRound(r.getId()).stream()
                .collect(java.util.stream.Collectors.toMap(BatchExclusion::getCaseId, x -> x));
        return cases.findByRoundIdOrderByCreatedAt(r.getId()).stream().map(c -> CaseLine.of(c, excluded)).toList();
    }

    static String money(java.math.BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    @PostMapping
    @PreAuthorize("hasRole('OFFICER')")
    public ResponseEntity<RoundView> open(@Valid @RequestBody RoundRequests.OpenRound request, Authentication user) {
        FundingRound round = service.open(request, user);
        return ResponseEntity.created(URI.create("/api/rounds/" + round.getId())).body(view(round, user));
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    public List<RoundView> list(Authentication user) {
        return service.all().stream().map(r -> view(r, user)).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("isAuthenticated()")
    public RoundView get(@PathVariable UUID id, Authentication user) {
        return view(service.get(id), user);
    }

    /**
     * An officer takes a stuck case out of the round's batch, with the reason: the round no longer waits for it and
     * the batch does not commit it. 400 without a reason, 404 for a case not of the round, 409 when the case was
     * excluded, decided or ended already, or the batch was committed.
     */
    @PostMapping("/{id}/cases/{caseId}/exclusion")
    @PreAuthorize("hasRole('OFFICER')")
    public ResponseEntity<Exclusion> exclude(@PathVariable UUID id, @PathVariable UUID caseId,
            @RequestBody(required = false) ExcludeCase request, Authentication user) {
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            throw ApiException.badRequest("reason", "reason is required: it is recorded with the exclusion");
        }
        if (reason.length() > 2000) {
            throw ApiException.badRequest("reason", "reason must be at most 2000 characters");
        }
        try {
            BatchExclusion x = exclusions.exclude(id, caseId, reason, user.getName());
            return ResponseEntity.created(URI.create("/api/rounds/" + id + "/cases/" + caseId + "/exclusion"))
                    .body(Exclusion.of(x));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (BatchExclusions.RefusedException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    RoundView view(FundingRound r, Authentication user) {
        boolean staff = Roles.isStaff(user) && !Roles.expertOnly(user);
        List<Map<String, Object>> budgetLines = r.getMeasures().stream()
                .flatMap(m -> budgets.find(m, r.getYear()).stream())
                .map(b -> Map.<String, Object>of("measure", b.getProgramme(), "year", b.getYear(),
                        "amount", b.getAmount().toPlainString(), "committed", b.getCommitted().toPlainString(),
                        "remaining", b.remaining().toPlainString()))
                .toList();
        return new RoundView(r.getId(), r.getName(), r.getMeasures(), r.getYear(), r.getWindowOpens(),
                r.getWindowCloses(), r.acceptsApplications(clock.instant()), r.getStatus().name(),
                r.getExpertsPerCase(), r.getPassScore().stripTrailingZeros().toPlainString(),
                staff ? r.getProcessInstanceKey() : null, r.getPublicityEnds(), r.getPlanNumber(),
                staff ? budgetLines : List.of(), staff ? Unlimited.of(r) : null, staff ? batchPlans.findById(r.getId())
                        .map(cn.grants.domain.rounds.RoundBatchPlan::getPlan).orElse(null) : null,
                staff ? caseLines(r) : List.of(),
                staff ? planLines.findByRoundIdOrderByLineNo(r.getId()).stream().map(PlanLine::of).toList() : List.of(),
                r.getStagePlans());
    }
}
