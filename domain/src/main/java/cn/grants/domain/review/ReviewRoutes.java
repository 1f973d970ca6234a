package cn.grants.domain.review;

import cn.grants.domain.cases.CaseCalculations;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.TimelineEntry;

import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.models.DecisionRow;
import cn.grants.domain.money.InvalidAmountException;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review route of a case (评审路径): how many experts review it, the pass score its aggregated score is held
 * against and whether a special audit (专项审计) follows. A decision the process owner owns (review-route.dmn) gives
 * it from the {@link Facts} of the case; this service supplies the facts and records what the decision gave, with
 * its version and row, on the case and its timeline. A decision never drops an audit the measure's clause requires.
 */
@Service
public class ReviewRoutes {

    /** What the decision decides on: the case's measure, its funding mode and the grant its figures give. */
    public record Facts(String measureId, String mode, BigDecimal estimatedAmount, boolean auditByClause,
            int roundExpertsPerCase, BigDecimal roundPassScore) {

        /** The decision's input variables (review-route.dmn reads these names). */
        public Map<String, Object> asDecisionInput() {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("measureId", measureId);
            in.put("mode", mode);
            in.put("estimatedAmount", estimatedAmount);
            in.put("auditByClause", auditByClause);
            in.put("roundExpertsPerCase", roundExpertsPerCase);
            in.put("roundPassScore", roundPassScore);
            return in;
        }
    }

    /** What a decision gave: any of it may be missing when the table has no such output or no row matched. */
    public record Outcome(Integer experts, BigDecimal passScore, Boolean specialAudit) {
    }

    /** The route recorded for the case. */
    public record Route(int experts, BigDecimal passScore, boolean specialAudit, String recorded) {

        public Map<String, Object> asVariable() {
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("experts", experts);
            route.put("passScore", passScore);
            route.put("specialAudit", specialAudit);
            return route;
        }
    }

    private final GrantCaseRepository cases;
    private final FundingRoundRepository rounds;
    private final PolicyCatalogue catalogue;
    private final CaseCalculations calculations;
    private final CaseProgress progress;
    private final Clock clock;

    public ReviewRoutes(GrantCaseRepository cases, FundingRoundRepository rounds, PolicyCatalogue catalogue,
            CaseCalculations calculations, CaseProgress progress, Clock clock) {
        this.cases = cases;
        this.rounds = rounds;
        this.catalogue = catalogue;
        this.calculations = calculations;
        this.progress = progress;
        this.clock = clock;
    }

    /** The facts of the case the decision is evaluated on (the estimate is 0 where its figures give no amount). */
    @Transactional(readOnly = true)
    public Facts facts(UUID caseId) {
        GrantCase grantCase = cases.findById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        Measure measure = catalogue.find(grantCase.getMeasureId()).orElseThrow(() -> new NoSuchElementException(
                "case " + caseId + " names measure " + grantCase.getMeasureId() + ", which the catalogue does not hold"));
        FundingRound round = grantCase.getRoundId() == null ? null : rounds.findById(grantCase.getRoundId()).orElse(null);
        if (round == null) {
            throw new NoSuchElementException("case " + caseId + " belongs to no round: the route needs its panel size");
        }
        BigDecimal estimate;
        try {
            estimate = calculations.calculate(grantCase, measure).amount();
        } catch (InvalidAmountException e) {
            estimate = BigDecimal.ZERO.setScale(2);
        }
        return new Facts(measure.id(), measure.mode().name(), estimate, measure.auditRequired(),
                round.getExpertsPerCase(), round.getPassScore());
    }

    /**
     * Records the route a decision gave (idempotent by key).
     *
     * @throws IllegalStateException when the decision gave no complete route (no row matched, an output missing) or
     *         the case is not in the expert review
     * @throws IllegalArgumentException when the route is out of range
     */
    @Transactional
    public Route record(UUID caseId, Outcome outcome, DecisionRow decision, String idempotencyKey, String elementId,
            Long processDefinitionKey) {
        if (outcome == null || outcome.experts() == null || outcome.passScore() == null
                || outcome.specialAudit() == null) {
            throw new IllegalStateException("decision " + decision.decisionId() + " v" + decision.version()
                    + " gave no complete review route for case " + caseId + " (experts, passScore, specialAudit): "
                    + outcome + "; give it a row for every case (a last row with '-' everywhere)");
        }
        GrantCase grantCase = cases.lockById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        boolean byClause = catalogue.find(grantCase.getMeasureId()).map(Measure::auditRequired).orElse(false);
        boolean audit = outcome.specialAudit() || byClause;
        String recorded = decision.describe() + ": " + outcome.experts() + " 位专家 experts, 通过分数 pass score "
                + outcome.passScore().stripTrailingZeros().toPlainString() + ", 专项审计 special audit "
                + (audit ? "是 yes" : "否 no")
                + (audit && !outcome.specialAudit() ? " (条款要求 the measure's clause requires it)" : "");
        grantCase.routed(outcome.experts(), outcome.passScore(), audit, recorded, clock.instant());
        progress.note(caseId, TimelineEntry.Event.DECIDED, "system", "评审路径 review route: " + recorded,
                idempotencyKey, elementId, processDefinitionKey);
        return new Route(outcome.experts(), grantCase.getReviewPassScore(), audit, recorded);
    }
}
