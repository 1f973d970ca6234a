package cn.grants.domain.cases;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.catalogue.Determination;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 核定: the officer's determination of an amount where the clause gives only a ceiling ("最高/不超过"), recorded on the
 * case with the reason, never above the ceiling the rule computed, and written to the audit log. The batch decides on
 * the determined amount ({@link GrantCase#requestedAmount()}).
 */
@Service
public class AmountDeterminations {

    private final GrantCaseRepository cases;
    private final PolicyCatalogue catalogue;
    private final AuditTrail audit;
    private final Clock clock;

    public AmountDeterminations(GrantCaseRepository cases, PolicyCatalogue catalogue, AuditTrail audit, Clock clock) {
        this.cases = cases;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when the measure states its amount, or the case is not between its calculation
     *     and its batch decision
     * @throws IllegalArgumentException when the amount is negative or above the ceiling, or the reason is missing
     */
    @Transactional
    public GrantCase determine(UUID caseId, BigDecimal amount, String reason, String officer) {
        GrantCase grantCase = cases.lockById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        Measure measure = catalogue.find(grantCase.getMeasureId()).orElseThrow(
                () -> new IllegalStateException("measure " + grantCase.getMeasureId() + " is not in the catalogue"));
        if (measure.determination() == Determination.NONE) {
            throw new IllegalStateException("the amount of " + measure.id() + " is stated by its clause ("
                    + measure.source().clause() + "): it is paid as calculated, not determined");
        }
        grantCase.determine(amount, reason, officer, clock.instant());
        audit.acted(officer, "determine-amount", caseId, "核定 " + amount.toPlainString() + " of the ceiling "
                + grantCase.getCalculatedAmount().toPlainString() + ": " + reason.strip());
        return grantCase;
    }
}
