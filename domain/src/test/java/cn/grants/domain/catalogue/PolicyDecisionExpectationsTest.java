package cn.grants.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.domain.budgets.BatchPlan;
import cn.grants.domain.budgets.Budget;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.cases.DoubleFunding;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.money.InvalidAmountException;
import cn.grants.domain.payouts.TranchePlanner;
import cn.grants.domain.rounds.StagePlan;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The decisions around the amount, each row worked out from the seed's wording ({@code
 * policy-decision-expectations.csv}): 核定 within a ceiling ("最高/不超过"), the same thing funded once across the
 * clauses of an overlap group, per-platform and per-project caps across applications, stated awards funded in order of
 * score instead of cut (择优), soft limits ("一般/原则上") raised only as far as the absolute ones allow, and stages paid
 * as the round splits them.
 */
class PolicyDecisionExpectationsTest {

    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static PolicyCatalogue catalogue;
    static DoubleFunding doubleFunding;

    @BeforeAll
    static void load() throws IOException {
        catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
        try (InputStream in = PolicyDecisionExpectationsTest.class
                .getResourceAsStream("/catalogue/reference/overlaps.yaml")) {
            doubleFunding = new DoubleFunding(null, OverlapGroups.load(in, catalogue), null);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} ({4})")
    @CsvFileSource(resources = "/policy-decision-expectations.csv", numLinesToSkip = 1)
    void shouldDecideWhatTheSeedSays(String scenario, String measureId, String given, String expected, String note)
            throws IOException {
        Measure measure = catalogue.find(measureId).orElseThrow(() -> new AssertionError("no measure " + measureId));
        Map<String, Object> in = JSON.readValue(given, new TypeReference<Map<String, Object>>() { });
        String actual = switch (scenario) {
            case "DETERMINED" -> determined(measure, in);
            case "OVERLAP" -> overlap(measure, in);
            case "CUMULATIVE" -> SubsidyCalculator.calculate(measure, inputs(in), null,
                    new BigDecimal(in.get("grantedToSubject").toString())).amount().toPlainString();
            case "RANKED" -> ranked(measure, in);
            case "SOFT_LIMIT" -> softLimit(measure, in);
            case "STAGES" -> stages(measure, in);
            default -> throw new AssertionError("unknown scenario " + scenario);
        };
        assertThat(actual).as("%s of %s for %s (%s)", scenario, measureId, given, note).isEqualTo(expected);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputs(Map<String, Object> in) {
        return (Map<String, Object>) in.get("inputs");
    }

    /** The amount the case asks of the batch after an officer's determination, or REFUSED. */
    private static String determined(Measure measure, Map<String, Object> in) {
        GrantCase grantCase = new GrantCase(UUID.randomUUID(), measure.id(), "applicant", "深圳市示例有限公司",
                "91440300MA5FTEST0X", "项目", inputs(in), NOW);
        for (Stage stage : List.of(Stage.SUBMITTED, Stage.FORMAL_CHECK, Stage.EXPERT_REVIEW, Stage.CALCULATION,
                Stage.AWAITING_BATCH)) {
            grantCase.moveTo(stage, null, NOW);
        }
        Calculation c = SubsidyCalculator.calculate(measure, inputs(in), null);
        grantCase.calculated("v", measure.id(), c.amount(), c.capped(), c.explanation(), NOW);
        if (in.get("determined") != null) {
            try {
                grantCase.determine(new BigDecimal(in.get("determined").toString()), "核定理由", "officer", NOW);
            } catch (IllegalArgumentException e) {
                return "REFUSED";
            }
        }
        return grantCase.requestedAmount().toPlainString();
    }

    /** Whether two applications of one enterprise are for the same thing (funded once). */
    private static String overlap(Measure measure, Map<String, Object> in) {
        GrantCase first = new GrantCase(UUID.randomUUID(), measure.id(), "applicant", "深圳市示例有限公司",
                "91440300MA5FTEST0X", "项目", Map.of(), NOW);
        first.fundedSubject(in.get("subject").toString());
        GrantCase second = new GrantCase(UUID.randomUUID(), in.get("other").toString(), "applicant", "深圳市示例有限公司",
                "91440300MA5FTEST0X", "项目", Map.of(), NOW);
        second.fundedSubject(in.get("otherSubject").toString());
        return doubleFunding.sameThing(first, second) ? "SAME" : "DIFFERENT";
    }

    /** What the batch commits per request, in request order, by the measure's own cut method. */
    @SuppressWarnings("unchecked")
    private static String ranked(Measure measure, Map<String, Object> in) {
        Map<UUID, BigDecimal> requests = new LinkedHashMap<>();
        Map<UUID, BigDecimal> scores = new LinkedHashMap<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) in.get("requests")) {
            UUID id = UUID.randomUUID();
            requests.put(id, new BigDecimal(r.get("amount").toString()));
            scores.put(id, new BigDecimal(r.get("score").toString()));
        }
        BatchPlan plan = BudgetService.plan(new Budget(measure.id(), 2026, new BigDecimal(in.get("budget").toString()),
                NOW), requests, measure.batchCut(), scores);
        Map<UUID, BigDecimal> committed = plan.lines().stream()
                .collect(Collectors.toMap(BatchPlan.Line::caseId, BatchPlan.Line::committed));
        return requests.keySet().stream().map(id -> committed.get(id).toPlainString()).collect(Collectors.joining(";"));
    }

    /** The amount with the soft limit raised as a second officer approved it, or NO_SOFT_LIMIT. */
    private static String softLimit(Measure measure, Map<String, Object> in) {
        if (in.get("raisedTo") == null) {
            return SubsidyCalculator.calculate(measure, inputs(in), null).amount().toPlainString();
        }
        if (measure.softLimit() == null) {
            return "NO_SOFT_LIMIT";
        }
        Measure raised = measure.withRule(measure.softLimit().raise(measure.rule(),
                new BigDecimal(in.get("raisedTo").toString())));
        return SubsidyCalculator.calculate(raised, inputs(in), null).amount().toPlainString();
    }

    /** The tranches, kind:amount, as the round's stage plan pays the approved amount, or REFUSED. */
    private static String stages(Measure measure, Map<String, Object> in) {
        StagePlan plan = null;
        if (in.get("method") != null) {
            try {
                plan = StagePlan.parse(measure, Map.of("method", in.get("method"), "shares", in.get("shares")),
                        "stages." + measure.id());
            } catch (InvalidAmountException e) {
                return "REFUSED";
            }
        }
        return TranchePlanner.plan(measure, new BigDecimal(in.get("approved").toString()), NOW, plan).stream()
                .map(t -> t.kind() + ":" + t.amount().toPlainString()).collect(Collectors.joining(";"));
    }
}
