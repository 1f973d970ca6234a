package cn.grants.domain.cases;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.catalogue.Calculation;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.catalogue.SoftLimit;
import cn.grants.domain.money.InvalidAmountException;
import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Soft limits (一般/原则上) exceeded the only way the clause allows: an officer asks, with the reason, for a case whose
 * calculation awaits the batch decision; a second officer approves or refuses. An approval recalculates the case with
 * the limit raised (every absolute limit of the rule, "不超过/最高", still applies) and the tranches follow the raised
 * limit. A measure without a soft limit cannot be exceeded at all.
 */
@Service
public class LimitExceptions {

    private final GrantCaseRepository cases;
    private final LimitExceptionRepository exceptions;
    private final PolicyCatalogue catalogue;
    private final EnterpriseLocks locks;
    private final AuditTrail audit;
    private final Clock clock;
    private final CaseCalculations calculations;

    public LimitExceptions(GrantCaseRepository cases, LimitExceptionRepository exceptions, PolicyCatalogue catalogue,
            EnterpriseLocks locks, AuditTrail audit, Clock clock, CaseCalculations calculations) {
        this.calculations = calculations;
        this.cases = cases;
        this.exceptions = exceptions;
        this.catalogue = catalogue;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when the measure has no soft limit, the case is not awaiting its batch decision,
     *     or a request is already open
     * @throws InvalidAmountException naming {@code value} or {@code reason}
     */
    @Transactional
    public LimitException request(UUID caseId, Object rawValue, String reason, String officer) {
        GrantCase grantCase = cases.lockById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        Measure measure = measureOf(grantCase);
        SoftLimit limit = measure.softLimit();
        if (limit == null) {
            throw new IllegalStateException("measure " + measure.id() + " (" + measure.source().clause() + ") states no "
                    + "soft limit (一般/原则上): its limits (不超过/最高) can never be exceeded");
        }
        awaitingBatch(grantCase);
        if (exceptions.findByCaseIdOrderByRequestedAtAsc(caseId).stream()
                .anyMatch(e -> e.getStatus() == LimitException.Status.REQUESTED)) {
            throw new IllegalStateException("a request to exceed " + limit.quote() + " is already waiting for a second "
                    + "officer on case " + caseId);
        }
        BigDecimal value = switch (limit.kind()) {
            case CAP -> Money.parse("value", rawValue);
            case YEARS -> years(rawValue);
        };
        BigDecimal defaultValue = limit.defaultValue(measure.rule());
        LimitException requested;
        try {
            requested = new LimitException(caseId, measure.id(), limit, defaultValue, value, reason, officer,
                    clock.instant());
        } catch (IllegalArgumentException e) {
            throw new InvalidAmountException(reason == null || reason.isBlank() ? "reason" : "value", e.getMessage());
        }
        exceptions.save(requested);
        audit.acted(officer, "request-limit-exception", caseId, "exceed " + limit.quote() + " to "
                + value.stripTrailingZeros().toPlainString() + ": " + requested.getReason());
        return requested;
    }

    /**
     * The second officer's decision; an approval recalculates the case with the limit raised.
     *
     * @throws IllegalStateException when decided already, decided by the officer who asked, or the case has moved on
     */
    @Transactional
    public LimitException decide(UUID caseId, UUID exceptionId, boolean approve, String note, String officer) {
        locks.lockEnterprisesOf(List.of(caseId)); // as the calculation does: it reads the enterprise's other grants
        GrantCase grantCase = cases.lockById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        LimitException exception = exceptions.findById(exceptionId).filter(e -> e.getCaseId().equals(caseId))
                .orElseThrow(() -> new NoSuchElementException("no limit exception " + exceptionId + " on case " + caseId));
        awaitingBatch(grantCase);
        try {
            exception.decide(approve, officer, note, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new InvalidAmountException("note", e.getMessage());
        }
        if (approve) {
            Calculation c = calculations.calculate(grantCase, measureOf(grantCase));
            String value = exception.getValue().stripTrailingZeros().toPlainString();
            grantCase.calculated(catalogue.version(), grantCase.getRuleId(), c.amount(), c.capped(),
                    c.explanation() + " — " + exception.getLimitWords() + " exceeded to " + value + " (" + exception.getReason()
                            + "; asked by " + exception.getRequestedBy() + ", approved by " + officer + ")",
                    clock.instant());
        }
        audit.acted(officer, approve ? "approve-limit-exception" : "refuse-limit-exception", caseId,
                exception.getLimitWords() + " → " + exception.getValue().stripTrailingZeros().toPlainString()
                        + (note == null || note.isBlank() ? "" : ": " + note.strip()));
        return exception;
    }

    public List<LimitException> of(UUID caseId) {
        return exceptions.findByCaseIdOrderByRequestedAtAsc(caseId);
    }

    private static BigDecimal years(Object raw) {
        String text = raw == null ? "" : String.valueOf(raw).trim();
        if (!text.matches("[0-9]{1,2}")) {
            throw new InvalidAmountException("value", "must be a whole number of years");
        }
        return new BigDecimal(text);
    }

    private static void awaitingBatch(GrantCase grantCase) {
        if (grantCase.getApprovedAmount() != null || !(grantCase.getCurrentStage() == Stage.AWAITING_BATCH
                || grantCase.getCurrentStage() == Stage.CALCULATION) || grantCase.getCalculatedAmount() == null) {
            throw new IllegalStateException("case " + grantCase.getId() + " is at " + grantCase.getCurrentStage()
                    + ": a limit is exceeded between its calculation and its batch decision");
        }
    }

    private Measure measureOf(GrantCase grantCase) {
        return catalogue.find(grantCase.getMeasureId()).orElseThrow(
                () -> new IllegalStateException("measure " + grantCase.getMeasureId() + " is not in the catalogue"));
    }
}
