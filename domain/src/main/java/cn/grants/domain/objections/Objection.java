package cn.grants.domain.objections;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An objection raised against a case during its publicity (公示): 异议 by the applicant about its own listing, 投诉
 * or 举报 by anyone. Only a written, named objection is investigated; an anonymous one is recorded and refused.
 */
@Entity
@Table(name = "objection")
public class Objection {

    public enum Type {
        DISSENT("异议"), COMPLAINT("投诉"), REPORT("举报");

        private final String chinese;

        Type(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    public enum Status { REFUSED_ANONYMOUS, UNDER_INVESTIGATION, UPHELD, DISMISSED }

    @Id
    private UUID id;
    private UUID caseId;
    @Enumerated(EnumType.STRING)
    private Type type;
    private boolean named;
    private String objectorName;
    private String contact;
    private String objectorUser;
    private String content;
    @Enumerated(EnumType.STRING)
    private Status status;
    private Instant receivedAt;
    private Instant decidedAt;
    private String decidedBy;
    private String decision;
    private int filings = 1;

    protected Objection() {
    }

    Objection(UUID id, UUID caseId, Type type, String objectorName, String contact, String objectorUser,
            String content, Instant now) {
        this.id = id;
        this.caseId = caseId;
        this.type = type;
        this.named = objectorName != null && contact != null;
        this.objectorName = objectorName;
        this.contact = contact;
        this.objectorUser = objectorUser;
        this.content = content;
        this.status = named ? Status.UNDER_INVESTIGATION : Status.REFUSED_ANONYMOUS;
        this.decision = named ? null : "匿名异议不予受理，已登记 an anonymous objection is recorded but not investigated: "
                + "the publicity accepts written objections that give a name and a contact";
        this.receivedAt = now;
    }

    /** Whether the contacts are the same, ignoring case, spaces and the separators people write them with. */
    boolean sameContact(String other) {
        return contact != null && other != null && normalized(contact).equals(normalized(other));
    }

    private static String normalized(String contact) {
        return contact.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s\\-()（）]", "");
    }

    /** A further filing by the same objector on the same case joins this one, with when it came. */
    void merge(String moreContent, Instant now, int maxLength) {
        String joined = content + "\n\n【补充 further filing " + now + "】\n" + moreContent;
        if (joined.length() > maxLength) {
            throw new ObjectionRefusedException(ObjectionRefusedException.Reason.INVALID, "content",
                    "content: your objection on this case already holds " + content.length() + " characters; "
                            + "together they may hold at most " + maxLength);
        }
        this.content = joined;
        this.filings++;
    }

    public int getFilings() {
        return filings;
    }

    void decide(boolean upheld, String by, String decision, Instant now) {
        this.status = upheld ? Status.UPHELD : Status.DISMISSED;
        this.decidedBy = by;
        this.decision = decision;
        this.decidedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public Type getType() {
        return type;
    }

    public boolean isNamed() {
        return named;
    }

    public String getObjectorName() {
        return objectorName;
    }

    public String getContact() {
        return contact;
    }

    public String getObjectorUser() {
        return objectorUser;
    }

    public String getContent() {
        return content;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public String getDecision() {
        return decision;
    }
}
