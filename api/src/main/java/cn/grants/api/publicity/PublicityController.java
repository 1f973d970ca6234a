package cn.grants.api.publicity;

import cn.grants.api.cases.CaseView;
import cn.grants.api.problems.ApiException;
import cn.grants.api.engine.EngineCommandRelay;
import cn.grants.domain.engine.EngineOutbox;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.engine.EngineCommand;
import cn.grants.domain.objections.Objection;
import cn.grants.domain.objections.ObjectionRefusedException;
import cn.grants.domain.objections.ObjectionService;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public publicity list (公示名单, no sign-in): the enterprises, measures and amounts of every round in its
 * publicity window, and the objection form. A written, named objection puts the case on hold for an officer's
 * investigation (the objection-filed message to the case's publicity); an anonymous one is recorded and refused.
 */
@RestController
@RequestMapping("/api/publicity")
public class PublicityController {

    public static final String OBJECTION_FILED = "objection-filed";

    private final GrantCaseRepository cases;
    private final FundingRoundRepository rounds;
    private final PolicyCatalogue catalogue;
    private final ObjectionService objections;
    private final EngineOutbox outbox;
    private final EngineCommandRelay engine;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PublicityController(GrantCaseRepository cases, FundingRoundRepository rounds, PolicyCatalogue catalogue,
            ObjectionService objections, EngineOutbox outbox, EngineCommandRelay engine, TransactionTemplate tx,
            Clock clock) {
        this.outbox = outbox;
        this.engine = engine;
        this.cases = cases;
        this.rounds = rounds;
        this.catalogue = catalogue;
        this.objections = objections;
        this.tx = tx;
        this.clock = clock;
    }

    public record Listing(UUID caseId, String round, String planNumber, String enterprise, String projectTitle,
            String measureId, String measureName, String amount, Instant publicityEnds, boolean onHold) {
    }

    public record ObjectionReceipt(UUID id, String status, String message) {
    }

    @GetMapping
    public List<Listing> list() {
        Instant now = clock.instant();
        return rounds.findAllByOrderByCreatedAtDesc().stream()
                .filter(r -> r.getStatus() == FundingRound.Status.PUBLICITY && r.getPublicityEnds() != null
                        && now.isBefore(r.getPublicityEnds()))
                .flatMap(r -> cases.findByRoundIdOrderByCreatedAt(r.getId()).stream().filter(PublicityController::published)
                        .map(c -> listing(r, c)))
                .toList();
    }

    static boolean published(GrantCase c) {
        return c.getCurrentStage().phase() == Stage.Phase.PUBLICITY;
    }

    private Listing listing(FundingRound r, GrantCase c) {
        return new Listing(c.getId(), r.getName(), r.getPlanNumber(), c.getApplicantName(), c.getProjectTitle(),
                c.getMeasureId(), catalogue.find(c.getMeasureId()).map(m -> m.name()).orElse(null),
                c.getApprovedAmount() == null ? null : c.getApprovedAmount().toPlainString(), c.getPublicityEnds(),
                c.getCurrentStage() == Stage.ON_HOLD);
    }

    @PostMapping("/{caseId}/objections")
    public ResponseEntity<ObjectionReceipt> object(@PathVariable UUID caseId,
            @RequestBody ObjectionService.Filing filing, Authentication user) {
        String signedIn = user == null || user instanceof AnonymousAuthenticationToken ? null : user.getName();
        Objection objection;
        ObjectionService.Filed filed;
        EngineCommand[] command = new EngineCommand[1];
        try {
            // the objection and the message that puts the case on hold commit together; the message is sent after
            filed = tx.execute(status -> {
                ObjectionService.Filed f = objections.file(caseId, filing, signedIn);
                if (f.holdsCase()) {
                    // the first objection under investigation holds the case; later ones join that investigation
                    GrantCase grantCase = cases.findById(caseId).orElseThrow();
                    Objection o = f.objection();
                    command[0] = outbox.publish(caseId, OBJECTION_FILED, caseId.toString(), o.getId().toString(),
                            Duration.between(clock.instant(), grantCase.getPublicityEnds()),
                            Map.of("objectionId", o.getId().toString(), "objectionType", o.getType().name()));
                }
                return f;
            });
            objection = filed.objection();
        } catch (ObjectionRefusedException e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> ApiException.notFound("case " + caseId);
                case NOT_IN_PUBLICITY -> ApiException.conflict(e.getMessage());
                case INVALID -> ApiException.badRequest(e.field(), e.getMessage());
            };
        }
        URI location = URI.create("/api/publicity/" + caseId + "/objections/" + objection.getId());
        if (objection.getStatus() == Objection.Status.REFUSED_ANONYMOUS) {
            return ResponseEntity.status(HttpStatus.CREATED).location(location).body(new ObjectionReceipt(
                    objection.getId(), objection.getStatus().name(), objection.getDecision()));
        }
        if (command[0] != null) {
            engine.send(command[0]);
        }
        if (filed.merged()) {
            return ResponseEntity.status(HttpStatus.OK).location(location).body(new ObjectionReceipt(
                    objection.getId(), objection.getStatus().name(), "已并入您此前提出的异议 added to your earlier "
                            + "objection on this case, which is under investigation"));
        }
        if (!filed.holdsCase()) {
            return ResponseEntity.status(HttpStatus.CREATED).location(location).body(new ObjectionReceipt(
                    objection.getId(), objection.getStatus().name(), "已受理，并入正在进行的核查 received: the case is "
                            + "already on hold; the officer investigating it sees this objection too"));
        }
        return ResponseEntity.status(HttpStatus.CREATED).location(location).body(new ObjectionReceipt(
                objection.getId(), objection.getStatus().name(), "已受理，该项目暂缓，待核查 received: the case is on hold "
                        + "while an officer investigates the " + objection.getType().chinese() + " objection"));
    }

    /** The objections of a case, for the applicant and staff (the public list does not show them). */
    @GetMapping("/{caseId}/objections")
    public List<CaseView.ObjectionView> objectionsOf(@PathVariable UUID caseId, Authentication user) {
        if (user == null || user instanceof AnonymousAuthenticationToken) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, null, "sign in to see the objections of a case");
        }
        GrantCase grantCase = cases.findById(caseId).orElseThrow(() -> ApiException.notFound("case " + caseId));
        boolean staff = cn.grants.api.security.Roles.isStaff(user) && !cn.grants.api.security.Roles.expertOnly(user);
        if (!staff && !grantCase.getApplicantUser().equals(user.getName())) {
            throw ApiException.notFound("case " + caseId);
        }
        return objections.of(caseId).stream()
                .map(staff ? CaseView.ObjectionView::forStaff : CaseView.ObjectionView::of).toList();
    }
}
