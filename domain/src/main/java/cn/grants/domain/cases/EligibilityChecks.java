package cn.grants.domain.cases;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.catalogue.Eligibility;
import cn.grants.domain.catalogue.Eligibility.Condition;
import cn.grants.domain.catalogue.Eligibility.EvidenceType;
import cn.grants.domain.catalogue.Eligibility.Mark;
import cn.grants.domain.documents.CaseDocument;
import cn.grants.domain.documents.CaseDocumentRepository;
import cn.grants.domain.money.InvalidAmountException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Eligibility checked item by item (资助条件): the applicant answers each condition of the measure when applying (a
 * declaration, a figure, a count, two dates; a document condition is answered by uploading a document of its kind),
 * the system marks what the answer decides, and the officer marks each condition met or not, with a note, in the
 * formal check. A case passes the formal check only when every condition is met.
 */
@Service
public class EligibilityChecks {

    /** One line of the checklist. {@code documents}: the case's documents of the kind a document condition names. */
    public record Item(Condition condition, String answer, Mark systemMark, String systemReason, Mark officerMark,
            String officerNote, String markedBy, Instant markedAt, List<String> documents, Mark effective) {
    }

    private final Eligibility eligibility;
    private final ConditionCheckRepository checks;
    private final CaseDocumentRepository documents;
    private final AuditTrail audit;
    private final Clock clock;

    public EligibilityChecks(Eligibility eligibility, ConditionCheckRepository checks, CaseDocumentRepository documents,
            AuditTrail audit, Clock clock) {
        this.eligibility = eligibility;
        this.checks = checks;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Condition> conditionsOf(String measureId) {
        return eligibility.of(measureId);
    }

    /**
     * Records the applicant's answers (all checked before any is written); conditions not named keep their answer.
     *
     * @param field the name of the answers in the request ({@code eligibility}, {@code variables.eligibility})
     * @throws InvalidAmountException naming {@code field.<CONDITION>} for an unknown condition or a malformed answer
     */
    @Transactional
    public void answer(GrantCase grantCase, Map<String, Object> answers, String field) {
        Map<String, Condition> conditions = byId(grantCase.getMeasureId());
        Map<String, String> parsed = new LinkedHashMap<>();
        (answers == null ? Map.<String, Object>of() : answers).forEach((id, raw) -> {
            Condition c = conditions.get(id);
            if (c == null) {
                throw new InvalidAmountException(field + "." + id, "is not a condition of measure "
                        + grantCase.getMeasureId() + " (its conditions: " + conditions.keySet() + ")");
            }
            parsed.put(id, Eligibility.answer(c, raw, field + "." + id));
        });
        Map<String, ConditionCheck> rows = rows(grantCase.getId());
        for (Condition c : conditions.values()) {
            ConditionCheck row = rows.computeIfAbsent(c.id(), id -> checks.save(new ConditionCheck(grantCase.getId(), id)));
            if (parsed.containsKey(c.id())) {
                row.answered(parsed.get(c.id()), Eligibility.check(c, parsed.get(c.id())));
            }
        }
    }

    /** The conditions the applicant has not answered yet (document conditions are answered by their documents). */
    public List<String> unanswered(GrantCase grantCase) {
        Map<String, ConditionCheck> rows = rows(grantCase.getId());
        return conditionsOf(grantCase.getMeasureId()).stream()
                .filter(c -> c.evidence().type() != EvidenceType.DOCUMENT)
                .filter(c -> rows.get(c.id()) == null || rows.get(c.id()).getAnswer() == null)
                .map(Condition::id).toList();
    }

    /** The checklist of a case, in the order of the measure's conditions. */
    public List<Item> checklist(UUID caseId, String measureId) {
        return checklist(measureId, checks.findByCaseId(caseId), documents.findByCaseIdOrderByUploadedAtAsc(caseId));
    }

    /** The marks of many cases in one query (for a list of cases): case id → its rows. */
    public Map<UUID, List<ConditionCheck>> rowsOf(java.util.Collection<UUID> caseIds) {
        return checks.findByCaseIdIn(caseIds).stream().collect(Collectors.groupingBy(ConditionCheck::getCaseId));
    }

    /** The checklist of a case from its rows and documents already read. */
    public List<Item> checklist(String measureId, List<ConditionCheck> caseRows, List<CaseDocument> caseDocuments) {
        Map<String, ConditionCheck> rows = caseRows.stream().collect(Collectors.toMap(ConditionCheck::getConditionId,
                Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, List<String>> byKind = caseDocuments.stream().collect(
                Collectors.groupingBy(CaseDocument::getKind, Collectors.mapping(CaseDocument::getFileName,
                        Collectors.toList())));
        List<Item> items = new ArrayList<>();
        for (Condition c : conditionsOf(measureId)) {
            ConditionCheck row = rows.get(c.id());
            List<String> evidence = c.evidence().type() == EvidenceType.DOCUMENT
                    ? byKind.getOrDefault(c.evidence().kind(), List.of()) : List.of();
            items.add(row == null
                    ? new Item(c, null, null, null, null, null, null, null, evidence, null)
                    : new Item(c, row.getAnswer(), row.getSystemMark(), row.getSystemReason(), row.getOfficerMark(),
                            row.getOfficerNote(), row.getMarkedBy(), row.getMarkedAt(), evidence, row.effective()));
        }
        return items;
    }

    /**
     * The officer's marks from the formal check: {@code {CONDITION: {"met": true|false, "note": "…"}}}. When the case
     * is to pass, every condition must end up met (a computable condition the system marked met may be left
     * unmarked). Nothing is written when any mark is refused.
     *
     * @throws InvalidAmountException naming {@code variables.conditions.<CONDITION>}
     */
    @Transactional
    public List<Item> mark(GrantCase grantCase, Object raw, String officer, boolean passing) {
        String field = "variables.conditions";
        Map<String, Condition> conditions = byId(grantCase.getMeasureId());
        if (raw != null && !(raw instanceof Map<?, ?>)) {
            throw new InvalidAmountException(field, "must be an object: condition → {\"met\": true|false, \"note\": …}");
        }
        Map<?, ?> marks = raw == null ? Map.of() : (Map<?, ?>) raw;
        Map<String, ConditionCheck> rows = rows(grantCase.getId());
        List<CaseDocument> caseDocuments = documents.findByCaseIdOrderByUploadedAtAsc(grantCase.getId());
        Set<String> kinds = caseDocuments.stream().map(CaseDocument::getKind).collect(Collectors.toSet());
        Instant now = clock.instant();
        List<String> summary = new ArrayList<>();
        for (Map.Entry<?, ?> e : marks.entrySet()) {
            String id = String.valueOf(e.getKey());
            String name = field + "." + id;
            Condition c = conditions.get(id);
            if (c == null) {
                throw new InvalidAmountException(name, "is not a condition of measure " + grantCase.getMeasureId()
                        + " (its conditions: " + conditions.keySet() + ")");
            }
            if (!(e.getValue() instanceof Map<?, ?> mark) || !(mark.get("met") instanceof Boolean met)) {
                throw new InvalidAmountException(name, "must be {\"met\": true|false, \"note\": …}");
            }
            ConditionCheck row = rows.computeIfAbsent(id, k -> checks.save(new ConditionCheck(grantCase.getId(), k)));
            boolean evidenced = c.evidence().type() == EvidenceType.DOCUMENT ? kinds.contains(c.evidence().kind())
                    : row.getAnswer() != null && !row.getAnswer().equals("false");
            Object note = mark.get("note");
            try {
                row.mark(met, note == null ? null : String.valueOf(note), evidenced, officer, now);
            } catch (IllegalArgumentException refused) {
                throw new InvalidAmountException(name, refused.getMessage());
            }
            summary.add(id + (met ? " met" : " not met") + (row.getOfficerNote() == null ? "" : " (" + row.getOfficerNote() + ")"));
        }
        if (passing) {
            for (Condition c : conditions.values()) {
                ConditionCheck row = rows.get(c.id());
                Mark effective = row == null ? null : row.effective();
                if (effective == null) {
                    throw new InvalidAmountException(field + "." + c.id(), "is not marked: mark each condition met "
                            + "or not met (" + c.name() + ", " + c.clause() + ") before the case passes");
                }
                if (effective == Mark.NOT_MET) {
                    throw new InvalidAmountException(field + "." + c.id(), "is not met (" + c.name() + ", "
                            + c.clause() + "): a case cannot pass with an unmet condition; return it for correction "
                            + "or reject it");
                }
            }
        }
        if (!summary.isEmpty()) {
            audit.acted(officer, "check-eligibility", grantCase.getId(), String.join("; ", summary));
        }
        // the rows just marked and the documents just read: not read again
        return checklist(grantCase.getMeasureId(), new ArrayList<>(rows.values()), caseDocuments);
    }

    private Map<String, Condition> byId(String measureId) {
        return conditionsOf(measureId).stream().collect(Collectors.toMap(Condition::id, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    private Map<String, ConditionCheck> rows(UUID caseId) {
        return checks.findByCaseId(caseId).stream().collect(Collectors.toMap(ConditionCheck::getConditionId,
                Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
}
