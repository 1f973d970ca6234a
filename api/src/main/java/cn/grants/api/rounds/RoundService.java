package cn.grants.api.rounds;

import cn.grants.api.cases.LifecycleSettings;
import cn.grants.api.problems.ApiException;
import cn.grants.api.engine.EngineCompensation;
import cn.grants.domain.money.Decimals;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.money.Money;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.StagePlan;
import cn.grants.domain.rounds.FundingRoundRepository;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens funding rounds: validates them, sets each measure's budget for the year (or records the officer's decision
 * that a measure is not limited) and starts the round's process.
 */
@Service
public class RoundService {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String ROUND_PROCESS = "grant-round";

    private final FundingRoundRepository rounds;
    private final PolicyCatalogue catalogue;
    private final BudgetService budgets;
    private final CamundaClient camunda;
    private final EngineCompensation compensation;
    private final LifecycleSettings settings;
    private final Clock clock;
    private final String engineEpoch;

    public RoundService(FundingRoundRepository rounds, PolicyCatalogue catalogue, BudgetService budgets,
            CamundaClient camunda, EngineCompensation compensation, LifecycleSettings settings, Clock clock,
            @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this.rounds = rounds;
        this.catalogue = catalogue;
        this.budgets = budgets;
        this.camunda = camunda;
        this.compensation = compensation;
        this.settings = settings;
        this.clock = clock;
        this.engineEpoch = engineEpoch;
    }

    @Transactional
    public FundingRound open(RoundRequests.OpenRound request, Authentication user) {
        Instant now = clock.instant();
        Instant opens = request.windowOpens() == null ? now : request.windowOpens().toInstant();
        Instant closes = request.windowCloses().toInstant();
        if (!closes.isAfter(now)) {
            throw ApiException.badRequest("windowCloses", "windowCloses must be in the future");
        }
        if (!closes.isAfter(opens)) {
            throw ApiException.badRequest("windowCloses", "windowCloses must be after windowOpens");
        }
        int year = request.year() == null ? ZonedDateTime.ofInstant(closes, BEIJING).getYear() : request.year();
        if (year < 2000 || year > 2100) {
            throw ApiException.badRequest("year", "year must be between 2000 and 2100");
        }
        List<String> measures = List.copyOf(new LinkedHashSet<>(request.measures()));
        LocalDate day = LocalDate.ofInstant(closes, BEIJING);
        LocalDate opensDay = LocalDate.ofInstant(opens, BEIJING);
        for (int i = 0; i < measures.size(); i++) {
            String field = "measures[" + i + "]";
            Measure measure = catalogue.find(measures.get(i)).orElseThrow(
                    () -> ApiException.badRequest(field, field + " is not in the catalogue"));
            if (!measure.rule().cash()) {
                throw ApiException.badRequest(field, field + " (" + measure.id() + ") grants no money (" + measure.mode() + ")");
            }
            // the whole window within the validity of the measure's own document (each document has its own)
            if (!measure.validOn(opensDay) || !measure.validOn(day)) {
                throw ApiException.badRequest(field, field + " (" + measure.id() + ") is valid from "
                        + measure.validFrom() + " until " + measure.validUntil() + " (document "
                        + measure.source().document() + "), not for a window from " + opensDay + " to " + day);
            }
        }
        Map<String, BigDecimal> amounts = new HashMap<>();
        if (request.budgets() != null) {
            for (Map.Entry<String, Object> e : request.budgets().entrySet()) {
                String field = "budgets." + e.getKey();
                if (!measures.contains(e.getKey())) {
                    throw ApiException.badRequest(field, field + " is not a measure of this round");
                }
                BigDecimal amount = Money.parse(field, e.getValue());
                amounts.put(e.getKey(), amount);
            }
        }
        List<String> unlimited = request.unlimited() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(request.unlimited()));
        for (int i = 0; i < unlimited.size(); i++) {
            String field = "unlimited[" + i + "]";
            if (!measures.contains(unlimited.get(i))) {
                throw ApiException.badRequest(field, field + " is not a measure of this round");
            }
            if (amounts.containsKey(unlimited.get(i)) || budgets.find(unlimited.get(i), year).isPresent()) {
                throw ApiException.badRequest(field, field + " (" + unlimited.get(i) + ") has a budget for " + year
                        + ": a measure with a budget is limited by it");
            }
        }
        String reason = request.unlimitedReason() == null ? "" : request.unlimitedReason().strip();
        if (!unlimited.isEmpty() && reason.isEmpty()) {
            throw ApiException.badRequest("unlimitedReason", "unlimitedReason must say why " + unlimited
                    + " are not limited by a budget");
        }
        if (reason.length() > 2000) {
            throw ApiException.badRequest("unlimitedReason", "unlimitedReason must be at most 2000 characters");
        }
        for (String measure : measures) {
            if (!amounts.containsKey(measure) && !unlimited.contains(measure)
                    && budgets.find(measure, year).isEmpty()) {
                throw ApiException.badRequest("budgets." + measure, "budgets." + measure + " is missing: "
                        + measure + " grants money and has no budget for " + year + "; give one, or list it in "
                        + "unlimited with an unlimitedReason");
            }
        }
        Map<String, StagePlan> stages = new java.util.LinkedHashMap<>();
        if (request.stages() != null) {
            for (Map.Entry<String, Object> e : request.stages().entrySet()) {
                String field = "stages." + e.getKey();
                if (!measures.contains(e.getKey())) {
                    throw ApiException.badRequest(field, field + " is not a measure of this round");
                }
                stages.put(e.getKey(), StagePlan.parse(catalogue.find(e.getKey()).orElseThrow(), e.getValue(), field));
            }
        }
        int experts = request.expertsPerCase() == null ? settings.expertsPerCase()
                : Decimals.parse("expertsPerCase", request.expertsPerCase(), 2, 0).intValueExact();
        if (experts < 1 || experts > 15) {
            throw ApiException.badRequest("expertsPerCase", "expertsPerCase must be between 1 and 15");
        }
        BigDecimal passScore = request.passScore() == null ? BigDecimal.valueOf(settings.passScore())
                : score(request.passScore());
        FundingRound round = rounds.save(new FundingRound(UUID.randomUUID(), request.name().trim(), measures, year,
                opens, closes, experts, passScore, user.getName(), now));
        round.unlimited(unlimited, reason);
        round.paysByStages(stages);
        amounts.forEach((measure, amount) -> budgets.set(measure, year, amount));
        Map<String, Object> variables = new HashMap<>();
        variables.put("roundId", round.getId().toString());
        variables.put("windowCloses", ZonedDateTime.ofInstant(closes, BEIJING).toOffsetDateTime().toString());
        variables.put("reviewPoll", settings.reviewPoll().toString());
        variables.put("expertsPerCase", experts);
        variables.put("passScore", passScore);
        variables.put("correctionPeriod", settings.correctionPeriod().toString());
        variables.put("expertResponsePeriod", settings.expertResponsePeriod().toString());
        variables.put("lastActor", user.getName());
        ProcessInstanceEvent instance = camunda.newCreateInstanceCommand().bpmnProcessId(ROUND_PROCESS)
                .latestVersion().variables(variables).send().join();
        compensation.cancelUnlessCommitted(instance.getProcessInstanceKey(), "round " + round.getId());
        round.started(engineEpoch, instance.getProcessInstanceKey());
        return round;
    }

    private static BigDecimal score(Object raw) {
        BigDecimal score = Decimals.parse("passScore", raw, 3, 2);
        if (score.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw ApiException.badRequest("passScore", "passScore must be 0–100 with at most 2 decimals");
        }
        return score;
    }

    public FundingRound get(UUID id) {
        return rounds.findById(id).orElseThrow(() -> ApiException.notFound("round " + id));
    }

    public List<FundingRound> all() {
        return rounds.findAllByOrderByCreatedAtDesc();
    }
}
