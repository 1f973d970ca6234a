package cn.grants.domain.cases;

import cn.grants.domain.catalogue.Calculation;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.SubsidyCalculator;
import java.util.Comparator;
import org.springframework.stereotype.Service;

/**
 * A case's grant as its measure applies to it: the rule (with its soft limit raised where a second officer approved
 * exceeding it), the per-enterprise cap across the enterprise's other grants in the measure, and the cumulative cap
 * of the same platform or project. The one place the calculation worker and a limit exception compute it; the
 * caller holds the enterprise's lock, then the case's.
 */
@Service
public class CaseCalculations {

    private final GrantCaseRepository cases;
    private final LimitExceptionRepository exceptions;

    public CaseCalculations(GrantCaseRepository cases, LimitExceptionRepository exceptions) {
        this.cases = cases;
        this.exceptions = exceptions;
    }

    /** The measure as it applies to the case: with its soft limit raised by the latest approved exception. */
    public Measure effective(GrantCase grantCase, Measure measure) {
        if (measure.softLimit() == null) {
            return measure;
        }
        return exceptions.findByCaseIdOrderByRequestedAtAsc(grantCase.getId()).stream()
                .filter(e -> e.getStatus() == LimitException.Status.APPROVED)
                .max(Comparator.comparing(LimitException::getDecidedAt))
                .map(e -> measure.withRule(measure.softLimit().raise(measure.rule(), e.getValue())))
                .orElse(measure);
    }

    /**
     * @throws cn.grants.domain.money.InvalidAmountException when the case's figures cannot be calculated
     */
    public Calculation calculate(GrantCase grantCase, Measure measure) {
        Measure applied = effective(grantCase, measure);
        return SubsidyCalculator.calculate(applied, grantCase.effectiveInputs(),
                cases.grantedToEnterprise(applied.id(), grantCase.getCreditCode(), grantCase.getId()),
                applied.cumulativeCap() == null ? null : cases.grantedForSubject(applied.id(),
                        grantCase.getCreditCode(), grantCase.fundedSubject(), grantCase.getId()));
    }
}
