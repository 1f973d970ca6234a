package cn.grants.api.cases;

import cn.grants.domain.cases.EligibilityChecks;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.LimitException;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.cases.TimelineEntry;
import cn.grants.domain.catalogue.Determination;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.documents.CaseDocument;
import cn.grants.domain.objections.Objection;
import cn.grants.domain.payouts.Payout;
import cn.grants.domain.payouts.Tranche;
import cn.grants.domain.tasks.InboxTask;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A case as the API shows it: where it is, what is next, the amounts and the timeline. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CaseView(
        UUID id,
        String measureId,
        String measureName,
        Map<String, String> source,
        String status,
        String currentStage,
        String currentStageName,
        String next,
        Map<String, String> applicant,
        Map<String, String> project,
        Map<String, Object> inputs,
        Map<String, Object> confirmedInputs,
        String calculatedAmount,
        Boolean capped,
        String explanation,
        String catalogueVersion,
        String rule,
        String paidAmount,
        String rejectionReason,
        Instant publicityEnds,
        Long processInstanceKey,
        Long processDefinitionKey,
        Instant createdAt,
        Instant submittedAt,
        List<TimelineView> timeline,
        List<DocumentView> documents,
        List<PayoutView> payouts,
        List<TaskRef> openTasks,
        UUID roundId,
        String reviewScore,
        String approvedAmount,
        String clawbackAmount,
        Map<String, String> payee,
        List<TrancheView> tranches,
        List<ObjectionView> objections,
        Map<String, Object> determination,
        List<ConditionView> conditions,
        Map<String, Object> softLimit) {

    /** A request to exceed the measure's soft limit for this case, and the second officer's decision. */
    public record LimitExceptionView(UUID id, String kind, String limit, String defaultValue, String value,
            String reason, String requestedBy, Instant requestedAt, String status, String decidedBy,
            Instant decidedAt, String note) {
        static LimitExceptionView of(LimitException e) {
            return new LimitExceptionView(e.getId(), e.getKind().name(), e.getLimitWords(),
                    e.getDefaultValue().stripTrailingZeros().toPlainString(), e.getValue().stripTrailingZeros()
                            .toPlainString(), e.getReason(), e.getRequestedBy(), e.getRequestedAt(),
                    e.getStatus().name(), e.getDecidedBy(), e.getDecidedAt(), e.getDecisionNote());
        }
    }

    /**
     * One eligibility condition of the case (资助条件), quoted and cited: the applicant's answer, the system's mark
     * from it, the officer's mark and note from the formal check, the documents of the kind that evidences it, and
     * the mark that holds (the officer's, else the system's).
     */
    public record ConditionView(String id, String name, String nameEn, String quote, String clause, String evidence,
            String kind, String field, String answer, String systemMark, String systemReason, String officerMark,
            String officerNote, String markedBy, Instant markedAt, List<String> documents, String mark) {
        public static ConditionView of(EligibilityChecks.Item i) {
            var c = i.condition();
            var e = c.evidence();
            String field = switch (e.type()) {
                case FIGURE, COUNT -> e.field();
                case DATE_WITHIN -> e.from() + "/" + e.to() + " ≤ " + e.within();
                default -> null;
            };
            return new ConditionView(c.id(), c.name(), c.nameEn(), c.quote(), c.clause(), e.type().name(), e.kind(),
                    field, i.answer(), name(i.systemMark()), i.systemReason(), name(i.officerMark()), i.officerNote(),
                    i.markedBy(), i.markedAt(), i.documents(), name(i.effective()));
        }

        private static String name(Enum<?> mark) {
            return mark == null ? null : mark.name();
        }
    }

    public record TrancheView(int number, String kind, String amount, Instant due, String status) {
        static TrancheView of(Tranche t) {
            return new TrancheView(t.getNumber(), t.getKind().name(), t.getAmount().toPlainString(), t.getDue(),
                    t.getStatus().name());
        }
    }

    /**
     * An objection: staff (the investigating officer) see who objected and how to reach them; the applicant sees
     * the objection without the objector's name and contact.
     */
    public record ObjectionView(UUID id, String type, String typeName, boolean named, String status, String content,
            Instant receivedAt, String decision, Instant decidedAt, String objectorName, String contact,
            int filings) {
        /** As the applicant sees it. */
        public static ObjectionView of(Objection o) {
            return new ObjectionView(o.getId(), o.getType().name(), o.getType().chinese(), o.isNamed(),
                    o.getStatus().name(), o.getContent(), o.getReceivedAt(), o.getDecision(), o.getDecidedAt(), null,
                    null, o.getFilings());
        }

        /** As staff see it: with the objector's name and contact. */
        public static ObjectionView forStaff(Objection o) {
            return new ObjectionView(o.getId(), o.getType().name(), o.getType().chinese(), o.isNamed(),
                    o.getStatus().name(), o.getContent(), o.getReceivedAt(), o.getDecision(), o.getDecidedAt(),
                    o.getObjectorName(), o.getContact(), o.getFilings());
        }
    }

    /**
     * Who looks at the case decides what the view holds. An expert drawn for it sees what scoring needs: no payee
     * account, no objections, no other panel member (only his own open task, and no names in the timeline but his).
     */
    public enum Audience { APPLICANT, STAFF, EXPERT }

    public record TimelineView(String stage, String stageName, String event, Instant at, String actor, String detail) {
        static TimelineView of(TimelineEntry e) {
            return new TimelineView(e.getStage(), CaseView.stageName(e.getStage()), e.getEvent().name(), e.getAt(), e.getActor(),
                    e.getDetail());
        }

        /** Names other than the viewer's and the system's are not shown (they would name other panel members). */
        TimelineView actorShownTo(String viewer) {
            boolean shown = actor == null || actor.equals(viewer) || actor.equals("system");
            return shown ? this : new TimelineView(stage, stageName, event, at, "—", detail);
        }
    }

    public record DocumentView(UUID id, String kind, String name, String contentType, long size, String sha256,
            String uploadedBy, Instant uploadedAt) {
        public static DocumentView of(CaseDocument d) {
            return new DocumentView(d.getId(), d.getKind(), d.getFileName(), d.getContentType(), d.getSizeBytes(),
                    d.getSha256(), d.getUploadedBy(), d.getUploadedAt());
        }
    }

    public record PayoutView(UUID id, int tranche, String amount, String status, Instant createdAt) {
        static PayoutView of(Payout p) {
            return new PayoutView(p.getId(), p.getTranche(), p.getAmount().toPlainString(), p.getStatus(),
                    p.getCreatedAt());
        }
    }

    /** An open task of the case; pages act on its {@code form}, never on its element id ({@code taskType}). */
    public record TaskRef(UUID id, String taskType, String name, String candidateGroup, String assignee, String form) {
        static TaskRef of(InboxTask t) {
            return new TaskRef(t.getId(), t.getElementId(), t.getName(), t.getCandidateGroup(), t.getAssignee(),
                    t.getDetails() == null ? null : (String) t.getDetails().get("form"));
        }
    }

    static String stageName(String stage) {
        if (cn.grants.domain.rounds.BatchExclusions.TIMELINE_MARK.equals(stage)) {
            return "移出批次 Excluded from the batch";
        }
        try {
            return Stage.valueOf(stage).label();
        } catch (IllegalArgumentException | NullPointerException e) {
            return stage;
        }
    }

    static String money(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    public static CaseView of(GrantCase c, Measure measure, List<TimelineEntry> timeline, List<CaseDocument> documents,
            List<Payout> payouts, List<InboxTask> openTasks, List<Tranche> tranches, List<Objection> objections,
            Audience audience, String viewer, List<EligibilityChecks.Item> conditions,
            List<LimitException> limitExceptions) {
        boolean expert = audience == Audience.EXPERT;
        String next = c.getCurrentStage().next();
        if (c.getCurrentStage() == Stage.PUBLICITY && c.getPublicityEnds() != null) {
            next = next + " (" + c.getPublicityEnds() + ")";
        }
        return new CaseView(c.getId(), c.getMeasureId(), measure == null ? null : measure.name(),
                measure == null ? null : source(measure, c),
                c.getStatus().name(), c.getCurrentStage().name(), c.getCurrentStage().label(), next,
                Map.of("name", c.getApplicantName(), "creditCode", c.getCreditCode()),
                Map.of("title", c.getProjectTitle(), "subject", c.fundedSubject()), c.getInputs(), c.getConfirmedInputs(),
                money(c.getCalculatedAmount()), c.getCapped(), c.getExplanation(), c.getCatalogueVersion(),
                c.getRuleId(), money(c.getPaidAmount()), c.getRejectionReason(), c.getPublicityEnds(), c.getProcessInstanceKey(),
                c.getProcessDefinitionKey(),
                c.getCreatedAt(), c.getSubmittedAt(), timeline.stream().map(TimelineView::of)
                        .map(t -> expert ? t.actorShownTo(viewer) : t).toList(),
                documents.stream().map(DocumentView::of).toList(), payouts.stream().map(PayoutView::of).toList(),
                openTasks.stream().filter(t -> !expert || viewer.equals(t.getAssignee())).map(TaskRef::of).toList(),
                c.getRoundId(), money(c.getReviewScore()),
                money(c.getApprovedAmount()), money(c.getClawbackAmount()), expert ? null : payee(c.payee()),
                tranches.stream().map(TrancheView::of).toList(), switch (audience) {
                    case EXPERT -> List.of();
                    case STAFF -> objections.stream().map(ObjectionView::forStaff).toList();
                    case APPLICANT -> objections.stream().map(ObjectionView::of).toList();
                }, determination(c, measure), conditions.stream().map(ConditionView::of).toList(),
                softLimit(measure, limitExceptions));
    }

    /**
     * 核定: whether the clause gives only a ceiling (kind OPTIONAL or REQUIRED), the ceiling the rule computed, and the
     * amount an officer determined with the reason (shown to the applicant too).
     */
    static Map<String, Object> determination(GrantCase c, Measure measure) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        Determination kind = measure == null ? Determination.NONE
                : measure.determination();
        m.put("kind", kind.name());
        m.put("ceiling", kind == Determination.NONE ? null : money(c.getCalculatedAmount()));
        m.put("amount", money(c.getDeterminedAmount()));
        m.put("reason", c.getDeterminationReason());
        m.put("by", c.getDeterminedBy());
        m.put("at", c.getDeterminedAt());
        return m;
    }

    /**
     * 一般/原则上: the measure's soft limit (its words, kind and default) with the requests to exceed it for this case;
     * null when the measure has none (its limits can never be exceeded).
     */
    static Map<String, Object> softLimit(Measure measure, List<LimitException> exceptions) {
        if (measure == null || measure.softLimit() == null) {
            return null;
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("kind", measure.softLimit().kind().name());
        m.put("limit", measure.softLimit().quote());
        m.put("defaultValue", measure.softLimit().defaultValue(measure.rule()).stripTrailingZeros().toPlainString());
        m.put("exceptions", exceptions.stream().map(LimitExceptionView::of).toList());
        return m;
    }

    /** The measure's clause, and the document: its version the case applied under, draft status, validity. */
    static Map<String, String> source(Measure measure, GrantCase c) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("document", measure.source().document());
        m.put("title", measure.source().title());
        m.put("clause", measure.source().clause());
        m.put("documentVersion", c.getDocumentVersion());
        m.put("currentVersion", measure.source().version());
        m.put("documentStatus", measure.source().status() == null ? null : measure.source().status().name());
        m.put("validFrom", String.valueOf(measure.validFrom()));
        m.put("validUntil", String.valueOf(measure.validUntil()));
        return m;
    }

    static Map<String, String> payee(GrantCase.Payee p) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("accountName", p.accountName());
        m.put("account", p.account());
        m.put("bank", p.bank());
        m.put("bankCode", p.bankCode());
        return m;
    }
}
