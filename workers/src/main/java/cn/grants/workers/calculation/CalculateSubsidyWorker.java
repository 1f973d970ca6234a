package cn.grants.workers.calculation;

import cn.grants.domain.cases.CaseCalculations;
import cn.grants.domain.cases.EnterpriseLocks;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.catalogue.Calculation;
import cn.grants.domain.catalogue.Determination;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.money.InvalidAmountException;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code calculate-subsidy}: applies the measure's catalogue rule to the case's figures (the auditor's confirmed
 * amounts replacing the applicant's) and stores amount, cap and explanation pinned to the catalogue version. What
 * the enterprise's other cases were granted (the per-enterprise cap) is read under the enterprise's lock, so two
 * cases of one enterprise calculated at once do not both take the whole cap. The round's batch decision commits it
 * against the budget later (checking the cap again under the same lock). A case the rule grants nothing to ends with the BPMN
 * error {@code NOT_ELIGIBLE}.
 */
@Component
public class CalculateSubsidyWorker {

    public static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";
    static final ZoneId SHENZHEN = ZoneId.of("Asia/Shanghai");

    private final GrantCaseRepository cases;
    private final PolicyCatalogue catalogue;
    private final TransactionTemplate tx;
    private final EnterpriseLocks locks;
    private final Clock clock;
    private final CaseCalculations calculations;

    public CalculateSubsidyWorker(GrantCaseRepository cases, PolicyCatalogue catalogue, TransactionTemplate tx,
            EnterpriseLocks locks, Clock clock, CaseCalculations calculations) {
        this.calculations = calculations;
        this.locks = locks;
        this.cases = cases;
        this.catalogue = catalogue;
        this.tx = tx;
        this.clock = clock;
    }

    @JobWorker(type = "calculate-subsidy", fetchVariables = "caseId")
    public Map<String, Object> calculateSubsidy(@Variable String caseId) {
        Outcome outcome = tx.execute(status -> calculate(UUID.fromString(caseId)));
        if (outcome.notEligibleReason() != null) {
            throw CamundaError.bpmnError(NOT_ELIGIBLE, outcome.notEligibleReason(),
                    Map.of("rejectionReason", outcome.notEligibleReason(), "lastActor", "system"));
        }
        Calculation c = outcome.calculation();
        // where the clause gives only a ceiling, the model has an officer determine the amount (核定)
        return Map.of("calculatedAmount", c.amount().toPlainString(), "capped", c.capped(),
                "determinationRequired", outcome.determination() == Determination.REQUIRED);
    }

    record Outcome(Calculation calculation, String notEligibleReason, Determination determination) {

        Outcome(Calculation calculation, String notEligibleReason) {
            this(calculation, notEligibleReason, Determination.NONE);
        }
    }

    private Outcome calculate(UUID caseId) {
        locks.lockEnterprisesOf(java.util.List.of(caseId)); // before the case's lock, as the batch decision does
        GrantCase grantCase = cases.lockById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        Measure measure = catalogue.find(grantCase.getMeasureId()).orElse(null);
        if (measure == null) {
            return new Outcome(null, "measure " + grantCase.getMeasureId() + " is not in catalogue " + catalogue.version());
        }
        Calculation c;
        try {
            // as the measure applies to the case: a soft limit a second officer let it exceed stays exceeded
            c = calculations.calculate(grantCase, measure);
        } catch (InvalidAmountException e) {
            return new Outcome(null, "the figures cannot be calculated: " + e.getMessage());
        }
        grantCase.calculated(catalogue.version(), measure.id() + "@" + measure.source().clause(), c.amount(),
                c.capped(), c.explanation(), clock.instant());
        if (!c.cash() || c.amount().signum() <= 0) {
            return new Outcome(c, "no cash grant: " + c.explanation());
        }
        return new Outcome(c, null, measure.determination());
    }
}
