package cn.grants.api.models;

import cn.grants.domain.models.DecisionModel;
import cn.grants.domain.models.DecisionModelRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks a decision (DMN) file before it is deployed, as {@link ModelValidator} checks a process: a DMN decision table
 * whose decisions are drawn; one result per evaluation (no COLLECT without aggregation, no RULE ORDER / OUTPUT
 * ORDER); for the decisions this system evaluates, the outputs it reads and a last row that matches every case, so
 * that no case is left without an answer. The report compares each decision with its deployed version row by row.
 */
@Component
public class DecisionValidator {


    /** The decisions this system evaluates, and the outputs it reads from each. */
    public static final Map<String, List<String>> SYSTEM_DECISIONS = Map.of(
            "review-route", List.of("experts", "passScore", "specialAudit"),
            "finance-approval", List.of("mayApprove", "approvalLimit", "secondApprovalRequired"));

    private final DecisionModelRepository decisions;
    private final String engineEpoch;

    public DecisionValidator(DecisionModelRepository decisions, @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this.decisions = decisions;
        this.engineEpoch = engineEpoch;
    }

    /** The ids of the decisions deployed on this engine. */
    public Set<String> deployed() {
        Set<String> ids = new HashSet<>();
        decisions.findAllByEngineEpochOrderByDecisionIdAscVersionDesc(engineEpoch).forEach(d -> ids.add(d.getDecisionId()));
        return ids;
    }

    public ModelValidator.Report validate(byte[] xml) {
        List<ModelValidator.Problem> problems = new ArrayList<>();
        Document doc = ModelValidator.parse(xml);
        if (doc == null) {
            problems.add(new ModelValidator.Problem(null, null, "xml", "the file is not a well-formed DMN XML document"));
            return new ModelValidator.Report(List.of(), false, problems, List.of(), Map.of(), Map.of(), Map.of(),
                    Map.of(), Map.of());
        }
        Element root = doc.getDocumentElement();
        String ns = root.getNamespaceURI();
        if (ns == null || !ns.contains("omg.org/spec/DMN/") || !"definitions".equals(root.getLocalName())) {
            problems.add(new ModelValidator.Problem(null, null, "dmn", "the file is not a DMN model (definitions in "
                    + "the DMN namespace): export it from Camunda Modeler as a DMN diagram"));
            return new ModelValidator.Report(List.of(), false, problems, List.of(), Map.of(), Map.of(), Map.of(),
                    Map.of(), Map.of());
        }
        List<Element> decisionElements = ModelValidator.children(root, ns, "decision");
        if (decisionElements.isEmpty()) {
            problems.add(new ModelValidator.Problem(null, null, "dmn", "the file defines no decision"));
        }
        Set<String> drawn = new HashSet<>();
        NodeList shapes = doc.getElementsByTagNameNS("*", "DMNShape");
        for (int i = 0; i < shapes.getLength(); i++) {
            drawn.add(((Element) shapes.item(i)).getAttribute("dmnElementRef"));
        }
        Map<String, DecisionModel> latest = new LinkedHashMap<>();
        decisions.findAllByEngineEpochOrderByDecisionIdAscVersionDesc(engineEpoch)
                .forEach(d -> latest.putIfAbsent(d.getDecisionId(), d));
        List<String> ids = new ArrayList<>();
        List<ModelValidator.Change> diff = new ArrayList<>();
        Map<String, Integer> compared = new LinkedHashMap<>();
        for (Element decision : decisionElements) {
            String id = decision.getAttribute("id");
            ids.add(id);
            if (!drawn.contains(id)) {
                problems.add(new ModelValidator.Problem(id, id, "not-drawn", id + " has no shape in the decision "
                        + "requirements diagram: open and save it in Camunda Modeler"));
            }
            List<Element> tables = ModelValidator.children(decision, ns, "decisionTable");
            if (tables.isEmpty()) {
                if (SYSTEM_DECISIONS.containsKey(id)) {
                    problems.add(new ModelValidator.Problem(id, id, "not-a-table", id + " must be a decision table"));
                }
                continue;
            }
            Element table = tables.get(0);
            Table parsed = Table.of(table, ns);
            String hit = table.getAttribute("hitPolicy").isEmpty() ? "UNIQUE" : table.getAttribute("hitPolicy");
            boolean aggregated = !table.getAttribute("aggregation").isEmpty();
            if (hit.equals("RULE ORDER") || hit.equals("OUTPUT ORDER") || hit.equals("COLLECT") && !aggregated) {
                problems.add(new ModelValidator.Problem(id, table.getAttribute("id"), "multiple-results", id
                        + " has hit policy " + hit + ", which gives a list: the system needs one answer per case "
                        + "(FIRST, UNIQUE, PRIORITY or ANY)"));
            }
            List<String> needed = SYSTEM_DECISIONS.get(id);
            if (needed != null) {
                for (String output : needed) {
                    if (!parsed.outputs().contains(output)) {
                        problems.add(new ModelValidator.Problem(id, table.getAttribute("id"), "missing-output", id
                                + " must give the output '" + output + "' (it gives " + parsed.outputs() + ")"));
                    }
                }
                if (hit.equals("FIRST") && (parsed.rows().isEmpty()
                        || !parsed.rows().get(parsed.rows().size() - 1).matchesAll())) {
                    problems.add(new ModelValidator.Problem(id, parsed.rows().isEmpty() ? table.getAttribute("id")
                            : parsed.rows().get(parsed.rows().size() - 1).id(), "no-catch-all-row", id + " must end "
                            + "with a row that matches every case ('-' in every input): a case no row matches "
                            + "would be left without an answer"));
                }
            }
            DecisionModel before = latest.get(id);
            if (before != null) {
                compared.put(id, before.getVersion());
                Document old = ModelValidator.parse(before.getXml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Table was = old == null ? null : ModelValidator.children(old.getDocumentElement(),
                        old.getDocumentElement().getNamespaceURI(), "decision").stream()
                        .filter(d -> d.getAttribute("id").equals(id))
                        .flatMap(d -> ModelValidator.children(d, old.getDocumentElement().getNamespaceURI(),
                                "decisionTable").stream())
                        .findFirst().map(t -> Table.of(t, old.getDocumentElement().getNamespaceURI())).orElse(null);
                if (was != null) {
                    diff.addAll(parsed.compare(id, was));
                }
            }
        }
        return new ModelValidator.Report(ids, problems.isEmpty(), problems, diff, compared, Map.of(), Map.of(),
                Map.of(), Map.of());
    }

    record Row(String id, List<String> inputs, List<String> outputs) {

        boolean matchesAll() {
            return inputs.stream().allMatch(e -> e.isBlank() || e.equals("-"));
        }

        String describe() {
            return String.join(" | ", inputs) + " → " + String.join(" | ", outputs);
        }
    }

    record Table(String hitPolicy, List<String> outputs, List<Row> rows) {

        static Table of(Element table, String ns) {
            List<String> outputs = ModelValidator.children(table, ns, "output").stream()
                    .map(o -> o.getAttribute("name")).toList();
            List<Row> rows = ModelValidator.children(table, ns, "rule").stream().map(r -> new Row(r.getAttribute("id"),
                    ModelValidator.children(r, ns, "inputEntry").stream().map(e -> e.getTextContent().trim()).toList(),
                    ModelValidator.children(r, ns, "outputEntry").stream().map(e -> e.getTextContent().trim()).toList()))
                    .toList();
            return new Table(table.getAttribute("hitPolicy"), outputs, rows);
        }

        List<ModelValidator.Change> compare(String decisionId, Table before) {
            List<ModelValidator.Change> changes = new ArrayList<>();
            if (!Objects.equals(hitPolicy, before.hitPolicy)) {
                changes.add(new ModelValidator.Change(decisionId, decisionId, "CHANGED", "hit policy " + before.hitPolicy,
                        "hit policy " + hitPolicy));
            }
            Map<String, Row> old = new LinkedHashMap<>();
            before.rows.forEach(r -> old.put(r.id(), r));
            Set<String> seen = new HashSet<>();
            for (Row row : rows) {
                Row was = old.get(row.id());
                seen.add(row.id());
                if (was == null) {
                    changes.add(new ModelValidator.Change(decisionId, row.id(), "ADDED", null, row.describe()));
                } else if (!was.equals(row)) {
                    changes.add(new ModelValidator.Change(decisionId, row.id(), "CHANGED", was.describe(),
                            row.describe()));
                }
            }
            old.keySet().stream().filter(k -> !seen.contains(k)).forEach(k -> changes.add(
                    new ModelValidator.Change(decisionId, k, "REMOVED", old.get(k).describe(), null)));
            return changes;
        }
    }
}
