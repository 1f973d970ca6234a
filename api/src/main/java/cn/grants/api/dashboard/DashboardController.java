package cn.grants.api.dashboard;

import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.catalogue.ClusterReference;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.money.Money;
import cn.grants.domain.rounds.FundingRoundRepository;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The officer dashboard's figures: rounds, budget used against remaining per measure and year, cases per stage, and
 * what is granted per industry cluster and per responsible unit, with the clusters' targets from the seeds.
 * "Granted" is the approved amount of a case (or its calculated amount before the batch decision) unless the case
 * ended without a grant.
 */
@RestController
@PreAuthorize("hasAnyRole('OFFICER', 'PROCESS_OWNER', 'FINANCE')")
public class DashboardController {

    private final FundingRoundRepository rounds;
    private final GrantCaseRepository cases;
    private final BudgetService budgets;
    private final PolicyCatalogue catalogue;
    private final ClusterReference clusters;

    public DashboardController(FundingRoundRepository rounds, GrantCaseRepository cases, BudgetService budgets,
            PolicyCatalogue catalogue, ClusterReference clusters) {
        this.rounds = rounds;
        this.cases = cases;
        this.budgets = budgets;
        this.catalogue = catalogue;
        this.clusters = clusters;
    }

    @GetMapping("/api/dashboard")
    public Map<String, Object> dashboard() {
        List<GrantCase> all = cases.findAllByOrderByCreatedAtDesc();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rounds", rounds.findAllByOrderByCreatedAtDesc().stream().map(r -> Map.of("id", r.getId(),
                "name", r.getName(), "status", r.getStatus().name(), "windowCloses", r.getWindowCloses(),
                "measures", r.getMeasures(), "cases", all.stream().filter(c -> r.getId().equals(c.getRoundId())).count()))
                .toList());
        result.put("budgets", budgets.all().stream().map(b -> Map.of("measure", b.getProgramme(), "year", b.getYear(),
                "amount", b.getAmount().toPlainString(), "committed", b.getCommitted().toPlainString(),
                "remaining", b.remaining().toPlainString())).toList());
        Map<Stage, Long> stages = new EnumMap<>(Stage.class);
        all.forEach(c -> stages.merge(c.getCurrentStage(), 1L, Long::sum));
        result.put("stages", stages.entrySet().stream().map(e -> Map.of("stage", e.getKey().name(),
                "label", e.getKey().label(), "cases", e.getValue())).toList());
        Map<String, BigDecimal> perCluster = new TreeMap<>();
        Map<String, BigDecimal> perUnit = new TreeMap<>();
        for (GrantCase c : all) {
            BigDecimal granted = granted(c);
            Measure measure = catalogue.find(c.getMeasureId()).orElse(null);
            if (granted.signum() <= 0 || measure == null) {
                continue;
            }
            measure.clusters().forEach(code -> perCluster.merge(code, granted, BigDecimal::add));
            measure.units().forEach(unit -> perUnit.merge(unit, granted, BigDecimal::add));
        }
        result.put("clusters", clusters.clusters().stream().map(cl -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", cl.code());
            m.put("name", cl.name());
            m.put("nameEn", cl.nameEn());
            m.put("granted", Money.round(perCluster.getOrDefault(cl.code(), BigDecimal.ZERO)).toPlainString());
            m.put("targets", cl.targets().stream().map(t -> Map.of("year", t.year(), "metric", t.metric(),
                    "metricEn", t.metricEn(), "value", t.value(), "unit", t.unit())).toList());
            return m;
        }).toList());
        result.put("units", perUnit.entrySet().stream().map(e -> Map.of("unit", e.getKey(),
                "granted", Money.round(e.getValue()).toPlainString())).toList());
        return result;
    }

    static BigDecimal granted(GrantCase c) {
        if (!c.getCurrentStage().money().grantStands()) {
            return BigDecimal.ZERO; // rejected, lapsed or clawed back: the grant does not stand
        }
        if (c.getApprovedAmount() != null) {
            return c.getApprovedAmount();
        }
        return c.getCalculatedAmount() == null ? BigDecimal.ZERO : c.getCalculatedAmount();
    }
}
