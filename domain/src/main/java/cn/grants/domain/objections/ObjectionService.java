package cn.grants.domain.objections;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receives objections during a case's publicity window. A written, named objection is put under investigation (the
 * caller then sends the objection-filed message to the case's publicity, once per investigation: a case is held
 * once, and objections filed while it is held join that investigation; a further filing by the same contact is
 * merged into that objector's open objection); an anonymous one is recorded and refused.
 */
@Service
public class ObjectionService {

    public static final int MAX_CONTENT = 5000;
    /** What one objection may hold with the further filings merged into it. */
    public static final int MAX_MERGED_CONTENT = 20000;

    private final ObjectionRepository objections;
    private final GrantCaseRepository cases;
    private final Clock clock;

    public ObjectionService(ObjectionRepository objections, GrantCaseRepository cases, Clock clock) {
        this.objections = objections;
        this.cases = cases;
        this.clock = clock;
    }

    public record Filing(String type, String name, String contact, String content) {
    }

    /**
     * What filing did: {@code holdsCase} when this objection puts the case on hold (the first under investigation;
     * later ones join that investigation), {@code merged} when it was added to the same objector's open objection.
     */
    public record Filed(Objection objection, boolean holdsCase, boolean merged) {
    }

    /**
     * @param user the signed-in user filing it, or null for the public
     * @throws ObjectionRefusedException when the case is not in publicity, or a field is invalid
     */
    @Transactional
    public Filed file(UUID caseId, Filing filing, String user) {
        GrantCase grantCase = cases.lockById(caseId).orElseThrow(() -> new ObjectionRefusedException(
                ObjectionRefusedException.Reason.NOT_FOUND, null, "case " + caseId + " is not published"));
        Instant now = clock.instant();
        boolean published = grantCase.getCurrentStage().phase() == Stage.Phase.PUBLICITY;
        if (!published || grantCase.getPublicityEnds() == null || !now.isBefore(grantCase.getPublicityEnds())) {
            throw new ObjectionRefusedException(ObjectionRefusedException.Reason.NOT_IN_PUBLICITY, null,
                    "case " + caseId + " is not in its publicity window (公示期); objections are received only then");
        }
        Objection.Type type = type(filing.type());
        String content = filing.content() == null ? "" : filing.content().trim();
        if (content.isEmpty()) {
            throw invalid("content", "content is required: an objection is made in writing (书面)");
        }
        if (content.length() > MAX_CONTENT) {
            throw invalid("content", "content is longer than " + MAX_CONTENT + " characters");
        }
        String name = blankToNull(filing.name());
        String contact = blankToNull(filing.contact());
        if (name != null && name.length() > 100) {
            throw invalid("name", "name is longer than 100 characters");
        }
        if (contact != null && contact.length() > 100) {
            throw invalid("contact", "contact is longer than 100 characters");
        }
        if (type == Objection.Type.DISSENT && !grantCase.getApplicantUser().equals(user)) {
            throw invalid("type", "type DISSENT (异议) is raised by the applicant about its own listing; "
                    + "others file COMPLAINT (投诉) or REPORT (举报)");
        }
        boolean named = name != null && contact != null;
        if (!named) {
            return new Filed(objections.saveAndFlush(new Objection(UUID.randomUUID(), caseId, type, null, null, user,
                    content, now)), false, false);
        }
        // the case row is locked: filings on one case are decided one after the other
        List<Objection> open = objections.findByCaseIdOrderByReceivedAt(caseId).stream()
                .filter(o -> o.getStatus() == Objection.Status.UNDER_INVESTIGATION).toList();
        for (Objection o : open) {
            if (o.sameContact(contact)) {
                o.merge(content, now, MAX_MERGED_CONTENT);
                return new Filed(o, false, true);
            }
        }
        Objection objection = objections.saveAndFlush(new Objection(UUID.randomUUID(), caseId, type, name, contact,
                user, content, now));
        return new Filed(objection, open.isEmpty(), false);
    }

    /**
     * The investigation's decision: the case was held once for every objection under investigation on it, so the
     * decision is recorded on each of them.
     */
    @Transactional
    public Objection decide(UUID objectionId, boolean upheld, String by, String decision) {
        Objection objection = objections.findById(objectionId)
                .orElseThrow(() -> new IllegalStateException("no objection " + objectionId));
        Instant now = clock.instant();
        objections.findByCaseIdOrderByReceivedAt(objection.getCaseId()).stream()
                .filter(o -> o.getStatus() == Objection.Status.UNDER_INVESTIGATION)
                .forEach(o -> o.decide(upheld, by, decision, now));
        return objection;
    }

    @Transactional(readOnly = true)
    public List<Objection> of(UUID caseId) {
        return objections.findByCaseIdOrderByReceivedAt(caseId);
    }

    private static Objection.Type type(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("type", "type is required: DISSENT (异议), COMPLAINT (投诉) or REPORT (举报)");
        }
        try {
            return Objection.Type.valueOf(raw.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw invalid("type", "type must be DISSENT (异议), COMPLAINT (投诉) or REPORT (举报)");
        }
    }

    private static ObjectionRefusedException invalid(String field, String message) {
        return new ObjectionRefusedException(ObjectionRefusedException.Reason.INVALID, field, message);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
