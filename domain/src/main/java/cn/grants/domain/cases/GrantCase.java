package cn.grants.domain.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

/**
 * An application of one enterprise for one measure, from draft to paid. Its stage moves only as {@link Stage} allows
 * ({@link #moveTo}); its status is the one the stage implies.
 */
@Entity
@Table(name = "grant_case")
public class GrantCase extends cn.grants.domain.persistence.AssignedIdEntity {

    @Id
    private UUID id;
    private String measureId;
    private String catalogueVersion;
    private String ruleId;
    private String applicantUser;
    private String applicantName;
    private String creditCode;
    private String projectTitle;
    /** What the grant funds when it is not the project title (a product and model, a platform, a park). */
    private String fundedSubject;
    /** The version of the policy document's catalogue file the application was made under. */
    private String documentVersion;
    /** 核定: the amount an officer determined within the ceiling the rule computed, why, by whom and when. */
    private BigDecimal determinedAmount;
    private String determinationReason;
    private String determinedBy;
    private Instant determinedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class) // replaced, never changed in place (see docs/performance.md, 14)
    private Map<String, Object> inputs = new LinkedHashMap<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class) // replaced, never changed in place (see docs/performance.md, 14)
    private Map<String, Object> confirmedInputs;
    @Enumerated(EnumType.STRING)
    private CaseStatus status;
    /** Where the case is in its state machine; {@link #status} is the status this stage implies. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Stage currentStage;
    private Long processInstanceKey;
    private String engineEpoch;
    private Long processDefinitionKey;
    private BigDecimal calculatedAmount;
    private Boolean capped;
    private String explanation;
    private BigDecimal paidAmount = new BigDecimal("0.00");
    private String rejectionReason;
    private Instant publicityEnds;
    private UUID roundId;
    private BigDecimal reviewScore;
    private Integer reviewExperts;
    private BigDecimal reviewPassScore;
    private Boolean reviewAudit;
    private String reviewRoute;
    private BigDecimal approvedAmount;
    private String payeeAccountName;
    private String payeeAccount;
    private String payeeBank;
    private String payeeBankCode;
    private BigDecimal clawbackAmount;
    private Instant createdAt;
    private Instant submittedAt;
    private Instant updatedAt;
    @Version
    @Column(nullable = false)
    private long version;

    protected GrantCase() {
    }

    public GrantCase(UUID id, String measureId, String applicantUser, String applicantName, String creditCode,
            String projectTitle, Map<String, Object> inputs, Instant now) {
        this.id = id;
        this.measureId = measureId;
        this.applicantUser = applicantUser;
        this.applicantName = applicantName;
        this.creditCode = creditCode;
        this.projectTitle = projectTitle;
        this.inputs = new LinkedHashMap<>(inputs);
        this.currentStage = Stage.DRAFT;
        this.status = Stage.DRAFT.caseStatus();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The figures the calculation uses: the applicant's, with each audited basis replacing its own. */
    public Map<String, Object> effectiveInputs() {
        Map<String, Object> effective = new LinkedHashMap<>(inputs);
        if (confirmedInputs != null) {
            effective.putAll(confirmedInputs);
        }
        return effective;
    }

    /** The round the application is made in, and the account the grant is paid to (收款账户). */
    public void applyIn(UUID roundId, Payee payee) {
        this.roundId = roundId;
        this.payeeAccountName = payee.accountName();
        this.payeeAccount = payee.account();
        this.payeeBank = payee.bank();
        this.payeeBankCode = payee.bankCode();
    }

    public record Payee(String accountName, String account, String bank, String bankCode) {
    }

    public Payee payee() {
        return new Payee(payeeAccountName, payeeAccount, payeeBank, payeeBankCode);
    }

    /**
     * Submitted into its round; the case review (a call activity of the round) starts asynchronously.
     *
     * @throws IllegalTransitionException when the case is not a draft
     */
    public void submitted(String engineEpoch, Instant now) {
        moveTo(Stage.SUBMITTED, null, now);
        this.engineEpoch = engineEpoch;
        this.submittedAt = now;
    }

    /** The case review's process instance, learnt from its first job. */
    public void attachProcess(long processInstanceKey, long processDefinitionKey) {
        if (this.processInstanceKey == null) {
            this.processInstanceKey = processInstanceKey;
            this.processDefinitionKey = processDefinitionKey;
        }
    }

    /**
     * The review route decided for the case when it entered the expert review: the panel's size, the pass score its
     * aggregated score is held against, whether a special audit follows, and the decision row that gave them.
     *
     * @throws IllegalStateException when the case is not in the expert review
     * @throws IllegalArgumentException when the route is out of range (1–15 experts, a pass score of 0–100)
     */
    public void routed(int experts, BigDecimal passScore, boolean audit, String route, Instant now) {
        if (currentStage != Stage.EXPERT_REVIEW) {
            throw new IllegalStateException("case " + id + " is at " + currentStage
                    + ": its review route is decided when it enters the expert review");
        }
        if (experts < 1 || experts > 15) {
            throw new IllegalArgumentException("a review route of " + experts + " experts: 1 to 15 experts review a case");
        }
        if (passScore == null || passScore.signum() < 0 || passScore.compareTo(BigDecimal.valueOf(100)) > 0
                || passScore.scale() > 2 && passScore.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("a review route with pass score " + passScore + ": 0 to 100, 2 decimals");
        }
        this.reviewExperts = experts;
        this.reviewPassScore = passScore.setScale(2, java.math.RoundingMode.UNNECESSARY);
        this.reviewAudit = audit;
        this.reviewRoute = route.length() > 300 ? route.substring(0, 300) : route;
        this.updatedAt = now;
    }

    /** Moved to another version of its case review process (process instance migration). */
    public void migrated(long processDefinitionKey, Instant now) {
        this.processDefinitionKey = processDefinitionKey;
        this.updatedAt = now;
    }

    public Integer getReviewExperts() {
        return reviewExperts;
    }

    public BigDecimal getReviewPassScore() {
        return reviewPassScore;
    }

    public Boolean getReviewAudit() {
        return reviewAudit;
    }

    public String getReviewRoute() {
        return reviewRoute;
    }

    public void reviewed(BigDecimal score, Instant now) {
        this.reviewScore = score;
        this.updatedAt = now;
    }

    /** The batch decision: what is committed for the case (after any pro-rata cut). */
    public void approved(BigDecimal amount, Instant now) {
        this.approvedAmount = amount;
        this.updatedAt = now;
    }

    public void clawbackDemanded(BigDecimal amount, Instant now) {
        this.clawbackAmount = amount;
        this.updatedAt = now;
    }

    public String getEngineEpoch() {
        return engineEpoch;
    }

    public UUID getRoundId() {
        return roundId;
    }

    public BigDecimal getReviewScore() {
        return reviewScore;
    }

    public BigDecimal getApprovedAmount() {
        return approvedAmount;
    }

    public BigDecimal getClawbackAmount() {
        return clawbackAmount;
    }


    public void calculated(String catalogueVersion, String ruleId, BigDecimal amount, boolean capped,
            String explanation, Instant now) {
        this.catalogueVersion = catalogueVersion;
        this.ruleId = ruleId;
        this.calculatedAmount = amount;
        this.capped = capped;
        this.explanation = explanation;
        this.updatedAt = now;
        // a new calculation is a new ceiling: an amount determined against the old one no longer stands
        this.determinedAmount = null;
        this.determinationReason = null;
        this.determinedBy = null;
        this.determinedAt = null;
    }

    public void confirmInputs(Map<String, Object> confirmed, Instant now) {
        this.confirmedInputs = new LinkedHashMap<>(confirmed);
        this.updatedAt = now;
    }

    public void correctInputs(Map<String, Object> corrected, Instant now) {
        this.inputs = new LinkedHashMap<>(corrected);
        this.updatedAt = now;
    }

    /**
     * Moves the case to a stage its current stage allows ({@link Stage#moves()}); its status becomes the one the
     * stage implies. The reason of a rejection, a lapse or a clawback is kept as the case's rejection reason.
     *
     * @throws IllegalTransitionException when the current stage does not allow the move (nothing changes)
     */
    public void moveTo(Stage stage, String reason, Instant now) {
        if (!currentStage.mayMoveTo(stage)) {
            throw new IllegalTransitionException(id, currentStage, stage);
        }
        this.currentStage = stage;
        this.status = stage.caseStatus();
        if (stage == Stage.REJECTED || stage == Stage.LAPSED || stage == Stage.CLAWBACK || stage == Stage.STOPPED) {
            this.rejectionReason = reason; // why it was refused (kept when the recovery later ends the clawback)
        }
        this.updatedAt = now;
    }

    /** The case ended (paid, clawed back, rejected or lapsed): nothing happens to it any more. */
    public boolean hasEnded() {
        return currentStage.ended();
    }

    public void publicityScheduled(Instant ends, Instant now) {
        this.publicityEnds = ends;
        this.updatedAt = now;
    }

    public Instant getPublicityEnds() {
        return publicityEnds;
    }

    public void paid(BigDecimal totalPaid, Instant now) {
        this.paidAmount = totalPaid;
        this.updatedAt = now;
    }

    /**
     * The case review was re-created on a fresh engine (after a restart of the in-memory engine): the case now runs
     * in that process instance.
     */
    public void resumed(String engineEpoch, long processInstanceKey, long processDefinitionKey, Instant now) {
        this.engineEpoch = engineEpoch;
        this.processInstanceKey = processInstanceKey;
        this.processDefinitionKey = processDefinitionKey;
        this.updatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public String getMeasureId() {
        return measureId;
    }

    public String getCatalogueVersion() {
        return catalogueVersion;
    }

    public String getRuleId() {
        return ruleId;
    }

    public String getApplicantUser() {
        return applicantUser;
    }

    public String getApplicantName() {
        return applicantName;
    }

    public String getCreditCode() {
        return creditCode;
    }

    public String getProjectTitle() {
        return projectTitle;
    }

    /**
     * The thing the grant funds, which overlap groups compare (one application per thing): the subject the applicant
     * named, or else the project title.
     */
    public String fundedSubject() {
        return fundedSubject == null || fundedSubject.isBlank() ? projectTitle : fundedSubject;
    }

    /**
     * 核定: an officer determines the amount within the ceiling the rule computed (the calculated amount), with the
     * reason, before the batch decides. The explanation records {@code min(determined, ceiling)}.
     *
     * @throws IllegalStateException when the case was not calculated or the batch decided it already
     * @throws IllegalArgumentException when the amount is negative or above the ceiling, or no reason is given
     */
    public void determine(BigDecimal amount, String reason, String by, Instant now) {
        if (calculatedAmount == null || approvedAmount != null
                || !(currentStage == Stage.CALCULATION || currentStage == Stage.AWAITING_BATCH)) {
            throw new IllegalStateException("case " + id + " is at " + currentStage + (approvedAmount != null
                    ? " and its batch was decided" : "") + ": an amount is determined after the calculation and "
                    + "before the batch decision");
        }
        if (amount == null || amount.signum() < 0 || amount.compareTo(calculatedAmount) > 0) {
            throw new IllegalArgumentException("the determined amount must be between 0 and the ceiling "
                    + calculatedAmount.toPlainString() + " the rule computed");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a determined amount needs the reason");
        }
        String before = explanation == null ? "" : explanation.replaceAll("; 核定 determined: .*$", "");
        this.determinedAmount = amount;
        this.determinationReason = reason.strip();
        this.determinedBy = by;
        this.determinedAt = now;
        this.explanation = before + "; 核定 determined: min(determined " + amount.toPlainString() + ", ceiling "
                + calculatedAmount.toPlainString() + ") = " + amount.toPlainString() + " (" + determinationReason + ")";
        this.updatedAt = now;
    }

    /** What the case asks of the batch: the determined amount, or else the calculated one. */
    public BigDecimal requestedAmount() {
        return determinedAmount != null ? determinedAmount : calculatedAmount;
    }

    public BigDecimal getDeterminedAmount() {
        return determinedAmount;
    }

    public String getDeterminationReason() {
        return determinationReason;
    }

    public String getDeterminedBy() {
        return determinedBy;
    }

    public Instant getDeterminedAt() {
        return determinedAt;
    }

    /** Records the version of the policy document (its catalogue file) the application is made under. */
    public void madeUnder(String documentVersion) {
        this.documentVersion = documentVersion;
    }

    public String getDocumentVersion() {
        return documentVersion;
    }

    /** Names the thing funded apart from the project title (a product and its model, a platform, a park). */
    public void fundedSubject(String subject) {
        this.fundedSubject = subject == null || subject.isBlank() ? null : subject.strip();
    }

    public Map<String, Object> getInputs() {
        return inputs;
    }

    public Map<String, Object> getConfirmedInputs() {
        return confirmedInputs;
    }

    public CaseStatus getStatus() {
        return status;
    }

    public Stage getCurrentStage() {
        return currentStage;
    }

    public Long getProcessInstanceKey() {
        return processInstanceKey;
    }

    public Long getProcessDefinitionKey() {
        return processDefinitionKey;
    }

    public BigDecimal getCalculatedAmount() {
        return calculatedAmount;
    }

    public Boolean getCapped() {
        return capped;
    }

    public String getExplanation() {
        return explanation;
    }

    public BigDecimal getPaidAmount() {
        return paidAmount;
    }

    public String getRejectionReason() {
        return rejectionReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
