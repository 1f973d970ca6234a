package cn.grants.api.cases;

import cn.grants.api.problems.ApiException;
import cn.grants.api.security.Roles;
import cn.grants.domain.engine.EngineOutbox;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.CaseStatus;
import cn.grants.domain.cases.DoubleFunding;
import cn.grants.domain.cases.EligibilityChecks;
import cn.grants.domain.cases.EnterpriseLocks;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.catalogue.InputParser;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.engine.EngineCommand;
import cn.grants.domain.experts.ExpertDrawService;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, reading and submitting cases, with per-case authorization. */
@Service
public class CaseService {

    static final ZoneId SHENZHEN = ZoneId.of("Asia/Shanghai");
    static final String APPLICATION_SUBMITTED = "application-submitted";
    /**
     * How long the engine keeps the submission message for the round (and refuses a second publication of it): a
     * retry after an unknown outcome within this time cannot submit twice.
     */
    static final Duration SUBMISSION_TIME_TO_LIVE = Duration.ofHours(1);

    private final GrantCaseRepository cases;
    private final PolicyCatalogue catalogue;
    private final CaseProgress progress;
    private final EngineOutbox outbox;
    private final FundingRoundRepository rounds;
    private final ExpertDrawService experts;
    private final Clock clock;
    private final String engineEpoch;
    private final DoubleFunding doubleFunding;
    private final EnterpriseLocks locks;
    private final EligibilityChecks eligibility;

    public CaseService(GrantCaseRepository cases, PolicyCatalogue catalogue, CaseProgress progress,
            EngineOutbox outbox, FundingRoundRepository rounds, ExpertDrawService experts, Clock clock,
            @Value("${grants.zeebe.epoch}") String engineEpoch, DoubleFunding doubleFunding, EnterpriseLocks locks,
            EligibilityChecks eligibility) {
        this.eligibility = eligibility;
        this.engineEpoch = engineEpoch;
        this.doubleFunding = doubleFunding;
        this.locks = locks;
        this.cases = cases;
        this.catalogue = catalogue;
        this.progress = progress;
        this.outbox = outbox;
        this.rounds = rounds;
        this.experts = experts;
        this.clock = clock;
    }

    @Transactional
    public GrantCase create(CaseRequests.CreateCase request, Authentication user) {
        FundingRound round = rounds.findById(request.roundId())
                .orElseThrow(() -> ApiException.badRequest("roundId", "roundId " + request.roundId() + " is not a funding round"));
        if (!round.getMeasures().contains(request.measureId())) {
            throw ApiException.badRequest("measureId", "measure " + request.measureId() + " is not open in round "
                    + round.getName() + " (it takes " + round.getMeasures() + ")");
        }
        if (!round.acceptsApplications(clock.instant())) {
            throw ApiException.badRequest("roundId", "round " + round.getName() + " accepts applications from "
                    + round.getWindowOpens() + " until " + round.getWindowCloses() + " (status " + round.getStatus() + ")");
        }
        Measure measure = measureOpenForApplications(request.measureId());
        String creditCode = request.applicant().creditCode().trim().toUpperCase();
        if (!CreditCodes.valid(creditCode)) {
            throw ApiException.badRequest("applicant.creditCode",
                    "applicant.creditCode is not a valid 18-character 统一社会信用代码");
        }
        Map<String, Object> inputs = request.inputs() == null ? Map.of() : request.inputs();
        InputParser.parse(measure.rule(), inputs); // every error names inputs.<BASIS>
        GrantCase grantCase = new GrantCase(UUID.randomUUID(), measure.id(), user.getName(),
                request.applicant().name().trim(), creditCode, request.project().title().trim(),
                new LinkedHashMap<>(inputs), clock.instant());
        grantCase.fundedSubject(request.project().subject());
        grantCase.madeUnder(measure.source().version());
        CaseRequests.Payee payee = request.payee();
        grantCase.applyIn(round.getId(), new GrantCase.Payee(payee.accountName().trim(), payee.account().trim(),
                payee.bank().trim(), payee.bankCode()));
        GrantCase saved = cases.save(grantCase);
        eligibility.answer(saved, request.eligibility(), "eligibility"); // every error names eligibility.<CONDITION>
        return saved;
    }

    Measure measureOpenForApplications(String measureId) {
        Measure measure = catalogue.find(measureId)
                .orElseThrow(() -> ApiException.badRequest("measureId", "measureId '" + measureId + "' is not in the catalogue"));
        if (!measure.rule().cash()) {
            throw ApiException.badRequest("measureId", "measure " + measureId + " grants no money to apply for ("
                    + measure.mode() + ")");
        }
        LocalDate today = LocalDate.now(clock.withZone(SHENZHEN));
        if (!measure.validOn(today)) {
            throw ApiException.badRequest("measureId", "measure " + measureId + " is valid from "
                    + measure.validFrom() + " until " + measure.validUntil() + ", not on " + today);
        }
        return measure;
    }

    /**
     * A case the caller may see: its own if an applicant; for an expert only the cases drawn for him (never a
     * conflicted one: the draw excludes those); any for other staff; 404 otherwise.
     */
    public GrantCase visible(UUID id, Authentication user) {
        if (Roles.expertOnly(user)) {
            return cases.findById(id).filter(c -> experts.isAssigned(c.getId(), user.getName()))
                    .orElseThrow(() -> ApiException.notFound("case " + id));
        }
        return (Roles.isStaff(user) ? cases.findById(id) : cases.findByIdAndApplicantUser(id, user.getName()))
                .orElseThrow(() -> ApiException.notFound("case " + id));
    }

    /**
     * A page of the cases the user may see, filtered in the database: an applicant his own, an expert those of his
     * panels, staff all.
     */
    public org.springframework.data.domain.Page<GrantCase> search(Authentication user, String status, String stage,
            UUID roundId, String measureId, org.springframework.data.domain.Pageable page) {
        String applicant = Roles.isStaff(user) || Roles.expertOnly(user) ? null : user.getName();
        String expert = Roles.expertOnly(user) ? user.getName() : null;
        return cases.search(applicant, expert, status, stage, roundId == null ? null : roundId.toString(), measureId,
                page);
    }

    public List<GrantCase> list(Authentication user) {
        if (Roles.expertOnly(user)) {
            java.util.Set<UUID> assigned = experts.casesOf(user.getName()); // one query, not one per case
            return cases.findAllByOrderByCreatedAtDesc().stream().filter(c -> assigned.contains(c.getId())).toList();
        }
        return Roles.isStaff(user) ? cases.findAllByOrderByCreatedAtDesc()
                : cases.findByApplicantUserOrderByCreatedAtDesc(user.getName());
    }

    /**
     * Submits the application into its round: the round's process starts the case review (a call activity) on the
     * application-submitted message. A case can be submitted once, and only while the round's window is open.
     */
    @Transactional
    public Submission submit(UUID id, Authentication user) {
        // the enterprise's lock first (as everything that reads what an enterprise applied for and adds to it), then
        // the case's: lock before reading, the workers update the case concurrently (a read-then-lock would see a
        // stale version)
        cases.findById(id).ifPresent(c -> locks.lock(List.of(c.getCreditCode())));
        GrantCase grantCase = cases.lockById(id).orElseThrow(() -> ApiException.notFound("case " + id));
        if (!grantCase.getApplicantUser().equals(user.getName())) {
            throw ApiException.notFound("case " + id);
        }
        if (grantCase.getStatus() != CaseStatus.DRAFT) {
            throw ApiException.conflict("case " + id + " was already submitted (status " + grantCase.getStatus() + ")");
        }
        FundingRound round = rounds.findById(grantCase.getRoundId())
                .orElseThrow(() -> ApiException.conflict("case " + id + " belongs to no round"));
        if (!round.acceptsApplications(clock.instant())) {
            throw ApiException.conflict("round " + round.getName() + " closed its window at " + round.getWindowCloses());
        }
        Measure measure = measureOpenForApplications(grantCase.getMeasureId());
        List<String> unanswered = eligibility.unanswered(grantCase);
        if (!unanswered.isEmpty()) {
            throw ApiException.badRequest("eligibility." + unanswered.get(0), "eligibility." + unanswered.get(0)
                    + " is not answered: answer every condition of measure " + measure.id() + " " + unanswered
                    + " when applying (a declaration, a figure, two dates); the formal check verifies them");
        }
        doubleFunding.atSubmission(grantCase).ifPresent(conflict -> {
            throw ApiException.conflict(conflict.message(grantCase));
        });
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseId", id.toString());
        variables.put("measureId", measure.id());
        variables.put("applicantUser", grantCase.getApplicantUser());
        variables.put("lastActor", user.getName());
        variables.put("auditRequired", measure.auditRequired());
        grantCase.submitted(engineEpoch, clock.instant());
        progress.submitted(grantCase, user.getName());
        EngineCommand command = outbox.publish(id, APPLICATION_SUBMITTED, round.getId().toString(), id.toString(),
                SUBMISSION_TIME_TO_LIVE, variables);
        return new Submission(grantCase, command);
    }

    /** The applicant's answers to eligibility conditions of its draft; every error names eligibility.<CONDITION>. */
    @Transactional
    public GrantCase answerEligibility(UUID id, Map<String, Object> answers, Authentication user) {
        GrantCase grantCase = cases.lockById(id).filter(c -> c.getApplicantUser().equals(user.getName()))
                .orElseThrow(() -> ApiException.notFound("case " + id));
        if (grantCase.getStatus() != CaseStatus.DRAFT) {
            throw ApiException.conflict("case " + id + " was submitted (status " + grantCase.getStatus() + "): "
                    + "answers are corrected when the officer returns it for correction");
        }
        eligibility.answer(grantCase, answers, "eligibility");
        return grantCase;
    }

    /** A submitted case and the outbox command that hands the submission to the round once it committed. */
    public record Submission(GrantCase grantCase, EngineCommand engineCommand) {
    }
}
