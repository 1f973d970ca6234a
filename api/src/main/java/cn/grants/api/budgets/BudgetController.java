package cn.grants.api.budgets;

import cn.grants.api.problems.ApiException;
import cn.grants.domain.budgets.BatchPlan;
import cn.grants.domain.budgets.Budget;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.money.Money;
import cn.grants.domain.rounds.BatchDecisionService;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Budgets per measure and year; the pro-rata plan of a batch and its confirmation. Only cases awaiting a batch
 * decision in a round of the measure and year are planned or committed (the round is the only way to commit): any
 * other case, an ended one above all, answers 409 naming it.
 */
@RestController
@RequestMapping("/api/budgets")
public class BudgetController {

    public record BudgetView(String programme, int year, String amount, String committed, String remaining) {
        static BudgetView of(Budget b) {
            return new BudgetView(b.getProgramme(), b.getYear(), b.getAmount().toPlainString(),
                    b.getCommitted().toPlainString(), b.remaining().toPlainString());
        }
    }

    public record SetBudget(Object amount) {
    }

    public record Batch(List<UUID> caseIds) {
    }

    private final BudgetService budgets;
    private final GrantCaseRepository cases;
    private final PolicyCatalogue catalogue;
    private final BatchDecisionService decisions;

    public BudgetController(BudgetService budgets, GrantCaseRepository cases, PolicyCatalogue catalogue,
            BatchDecisionService decisions) {
        this.decisions = decisions;
        this.budgets = budgets;
        this.cases = cases;
        this.catalogue = catalogue;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'FINANCE', 'PROCESS_OWNER')")
    public List<BudgetView> list() {
        return budgets.all().stream().map(BudgetView::of).toList();
    }

    @PutMapping("/{programme}/{year}")
    @PreAuthorize("hasAnyRole('OFFICER', 'PROCESS_OWNER')")
    public BudgetView set(@PathVariable String programme, @PathVariable int year, @RequestBody SetBudget request) {
        if (catalogue.find(programme).isEmpty()) {
            throw ApiException.badRequest("programme", "programme '" + programme + "' is not a measure of the catalogue");
        }
        if (year < 2000 || year > 2100) {
            throw ApiException.badRequest("year", "year must be between 2000 and 2100");
        }
        BigDecimal amount = Money.parse("amount", request == null ? null : request.amount());
        try {
            return BudgetView.of(budgets.set(programme, year, amount));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("amount", "amount " + e.getMessage());
        }
    }

    @PostMapping("/{programme}/{year}/preview")
    @PreAuthorize("hasRole('OFFICER')")
    public BatchPlan preview(@PathVariable String programme, @PathVariable int year, @RequestBody Batch batch) {
        return plan(programme, year, batch, decisions::preview);
    }

    @PostMapping("/{programme}/{year}/commit")
    @PreAuthorize("hasRole('OFFICER')")
    public BatchPlan commit(@PathVariable String programme, @PathVariable int year, @RequestBody Batch batch) {
        return plan(programme, year, batch, decisions::commit);
    }

    /** A batch operation of the batch decision (preview or commit). */
    interface BatchOperation {
        BatchPlan apply(String programme, int year, List<UUID> caseIds);
    }

    private BatchPlan plan(String programme, int year, Batch batch, BatchOperation operation) {
        Map<UUID, BigDecimal> requests = requests(programme, batch);
        if (budgets.find(programme, year).isEmpty()) {
            throw ApiException.notFound("budget " + programme + "/" + year);
        }
        try {
            return operation.apply(programme, year, List.copyOf(requests.keySet()));
        } catch (BatchDecisionService.NotDecidableException e) {
            throw new ApiException(HttpStatus.CONFLICT, "caseIds[" + e.index() + "]", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("budget " + programme + "/" + year);
        }
    }

    private Map<UUID, BigDecimal> requests(String programme, Batch batch) {
        if (batch == null || batch.caseIds() == null || batch.caseIds().isEmpty()) {
            throw ApiException.badRequest("caseIds", "caseIds must list at least one case");
        }
        Map<UUID, BigDecimal> requests = new LinkedHashMap<>();
        for (int i = 0; i < batch.caseIds().size(); i++) {
            UUID id = batch.caseIds().get(i);
            String field = "caseIds[" + i + "]";
            GrantCase c = cases.findById(id).orElseThrow(() -> ApiException.badRequest(field, field + " is not a case"));
            if (!programme.equals(c.getMeasureId())) {
                throw ApiException.badRequest(field, field + " applies for " + c.getMeasureId() + ", not " + programme);
            }
            if (c.getCalculatedAmount() == null) {
                throw ApiException.badRequest(field, field + " has no calculated amount yet");
            }
            requests.put(id, c.getCalculatedAmount());
        }
        return requests;
    }
}
