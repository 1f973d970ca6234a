package cn.grants.api.models;

import cn.grants.api.problems.ApiException;
import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.TimelineEntry;
import cn.grants.domain.models.ProcessModel;
import cn.grants.domain.models.ProcessModelRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.api.tasks.inbox.TaskInbox;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.MigrateProcessInstanceCommandStep1;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Moves running cases from one version of their case review process to another (the engine's process instance
 * migration). A plan comes first, a dry run that changes nothing: the element mapping, proposed for every element
 * whose id and kind are the same in both versions and given by the process owner for the rest, and for each running
 * case where it waits (its open tasks and the sub-processes around them) and whether it can move with that mapping.
 * The migration then moves each case that can: the engine first, then the case's model version, its open tasks and a
 * timeline entry, so that a case the engine did not move keeps its old version everywhere.
 */
@Service
public class CaseMigrations {

    private static final Logger log = LoggerFactory.getLogger(CaseMigrations.class);

    /** The kinds of element a token can wait in: what a mapping instruction maps. */
    static final Set<String> MAPPED_KINDS = Set.of("userTask", "serviceTask", "businessRuleTask", "scriptTask",
            "sendTask", "receiveTask", "subProcess", "callActivity", "intermediateCatchEvent");

    public record Version(long key, String processId, int version) {
        static Version of(ProcessModel m) {
            return new Version(m.getProcessDefinitionKey(), m.getBpmnProcessId(), m.getVersion());
        }
    }

    /** One source element: where it goes in the target, and whether that was proposed (same id) or given. */
    public record Mapping(String source, String kind, String name, String target, String how) {
    }

    public record CaseMove(UUID caseId, String projectTitle, String stage, List<String> waitingAt, boolean canMove,
            String reason) {
    }

    public record Plan(Version source, Version target, List<Mapping> mapping, List<String> unmapped,
            Map<String, String> targetElements, List<CaseMove> cases, long movable, long blocked) {
    }

    public record Moved(UUID caseId, boolean migrated, String reason) {
    }

    public record Result(Version source, Version target, List<Moved> cases, long migrated, long failed) {
    }

    record Node(String id, String kind, String name, String parent) {
    }

    private final ProcessModelRepository models;
    private final GrantCaseRepository cases;
    private final TaskInbox tasks;
    private final CaseProgress progress;
    private final AuditTrail audit;
    private final CamundaClient camunda;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String engineEpoch;

    public CaseMigrations(ProcessModelRepository models, GrantCaseRepository cases, TaskInbox tasks,
            CaseProgress progress, AuditTrail audit, CamundaClient camunda, PlatformTransactionManager transactions, Clock clock,
            @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this.models = models;
        this.cases = cases;
        this.tasks = tasks;
        this.progress = progress;
        this.audit = audit;
        this.camunda = camunda;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.engineEpoch = engineEpoch;
    }

    /** The dry run: nothing changes. Every error names its field. */
    public Plan plan(Long sourceKey, Long targetKey, Map<String, String> given) {
        ProcessModel source = model("sourceKey", sourceKey);
        ProcessModel target = model("targetKey", targetKey);
        if (!source.getBpmnProcessId().equals(target.getBpmnProcessId())) {
            throw ApiException.badRequest("targetKey", "targetKey is a version of " + target.getBpmnProcessId()
                    + ", not of " + source.getBpmnProcessId() + ": cases move between versions of one process");
        }
        if (source.getProcessDefinitionKey() == target.getProcessDefinitionKey()) {
            throw ApiException.badRequest("targetKey", "targetKey is the version the cases run on");
        }
        Map<String, Node> from = nodes(source);
        Map<String, Node> to = nodes(target);
        Map<String, String> overrides = given == null ? Map.of() : given;
        overrides.forEach((s, t) -> {
            Node sourceNode = from.get(s);
            if (sourceNode == null || !MAPPED_KINDS.contains(sourceNode.kind())) {
                throw ApiException.badRequest("mapping." + s, "mapping." + s + ": the source version has no task, "
                        + "sub-process or catch event with that id");
            }
            if (t != null && !t.isBlank()) {
                Node targetNode = to.get(t);
                if (targetNode == null) {
                    throw ApiException.badRequest("mapping." + s, "mapping." + s + ": the target version has no "
                            + "element " + t);
                }
                if (!targetNode.kind().equals(sourceNode.kind())) {
                    throw ApiException.badRequest("mapping." + s, "mapping." + s + ": " + s + " is a "
                            + sourceNode.kind() + " and " + t + " a " + targetNode.kind() + ": an element maps to one "
                            + "of its own kind");
                }
            }
        });
        List<Mapping> mapping = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (Node n : from.values()) {
            if (!MAPPED_KINDS.contains(n.kind())) {
                continue;
            }
            String target2;
            String how;
            if (overrides.containsKey(n.id())) {
                target2 = overrides.get(n.id()) == null || overrides.get(n.id()).isBlank() ? null : overrides.get(n.id());
                how = target2 == null ? "none" : "given";
            } else if (to.containsKey(n.id()) && to.get(n.id()).kind().equals(n.kind())) {
                target2 = n.id();
                how = "same-id";
            } else {
                target2 = null;
                how = "none";
            }
            mapping.add(new Mapping(n.id(), n.kind(), n.name(), target2, how));
            if (target2 == null) {
                unmapped.add(n.id());
            }
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        mapping.stream().filter(m -> m.target() != null).forEach(m -> mapped.put(m.source(), m.target()));
        List<CaseMove> moves = new ArrayList<>();
        for (GrantCase c : cases.findByProcessDefinitionKeyOrderByCreatedAt(source.getProcessDefinitionKey())) {
            if (c.getCurrentStage().ended() || c.getProcessInstanceKey() == null) {
                continue;
            }
            List<String> waiting = new ArrayList<>();
            tasks.ofCase(c.getId()).stream().filter(t -> t.getStatus() == InboxTask.Status.OPEN)
                    .filter(t -> t.getProcessInstanceKey() == c.getProcessInstanceKey())
                    .forEach(t -> waiting.add(t.getElementId()));
            Set<String> active = new LinkedHashSet<>();
            for (String element : waiting) {
                for (Node n = from.get(element); n != null; n = n.parent() == null ? null : from.get(n.parent())) {
                    active.add(n.id());
                }
            }
            String reason;
            boolean can;
            if (waiting.isEmpty()) {
                can = false;
                reason = "不在任何任务 it waits at no task of this version (stage " + c.getCurrentStage()
                        + "): its case review has ended or is between steps; plan again when it waits at a task";
            } else {
                List<String> missing = active.stream().filter(e -> !mapped.containsKey(e)).toList();
                can = missing.isEmpty();
                reason = can ? "可迁移 every element it waits in is mapped: " + active
                        : "缺少映射 no target for " + missing + ": map " + (missing.size() == 1 ? "it" : "them")
                        + " to an element of the target version";
            }
            moves.add(new CaseMove(c.getId(), c.getProjectTitle(), c.getCurrentStage().name(), List.copyOf(active),
                    can, reason));
        }
        Map<String, String> targetElements = new TreeMap<>();
        to.values().stream().filter(n -> MAPPED_KINDS.contains(n.kind()))
                .forEach(n -> targetElements.put(n.id(), n.kind()));
        long movable = moves.stream().filter(CaseMove::canMove).count();
        return new Plan(Version.of(source), Version.of(target), mapping, unmapped, targetElements, moves, movable,
                moves.size() - movable);
    }

    /**
     * Moves the cases the plan lets move (all of them, or those named): each in the engine first, then on the
     * case's record, its open tasks and its timeline. A case the engine refuses stays where it was, with the reason.
     */
    public Result migrate(Long sourceKey, Long targetKey, Map<String, String> given, List<UUID> only, String user) {
        Plan plan = plan(sourceKey, targetKey, given);
        Map<String, Node> to = nodes(model("targetKey", targetKey));
        Map<String, String> mapped = new LinkedHashMap<>();
        plan.mapping().stream().filter(m -> m.target() != null).forEach(m -> mapped.put(m.source(), m.target()));
        if (only != null) {
            Set<UUID> known = new LinkedHashSet<>();
            plan.cases().forEach(c -> known.add(c.caseId()));
            for (int i = 0; i < only.size(); i++) {
                if (!known.contains(only.get(i))) {
                    throw ApiException.badRequest("caseIds[" + i + "]", "caseIds[" + i + "]: case " + only.get(i)
                            + " does not run on version " + plan.source().version());
                }
            }
        }
        String mappingText = plan.mapping().stream().filter(m -> m.target() != null && !m.target().equals(m.source()))
                .map(m -> m.source() + " → " + m.target()).toList().toString();
        List<Moved> results = new ArrayList<>();
        for (CaseMove move : plan.cases()) {
            if (only != null && !only.contains(move.caseId())) {
                continue;
            }
            if (!move.canMove()) {
                results.add(new Moved(move.caseId(), false, move.reason()));
                continue;
            }
            GrantCase c = cases.findById(move.caseId()).orElseThrow();
            try {
                MigrateProcessInstanceCommandStep1.MigrateProcessInstanceCommandFinalStep command = null;
                for (Map.Entry<String, String> m : mapped.entrySet()) {
                    command = command == null
                            ? camunda.newMigrateProcessInstanceCommand(c.getProcessInstanceKey())
                                    .migrationPlan(plan.target().key()).addMappingInstruction(m.getKey(), m.getValue())
                            : command.addMappingInstruction(m.getKey(), m.getValue());
                }
                if (command == null) {
                    throw new IllegalStateException("no element of the source version is mapped");
                }
                command.send().join();
            } catch (RuntimeException e) {
                log.warn("case {} not migrated: {}", c.getId(), e.getMessage());
                results.add(new Moved(c.getId(), false, "引擎拒绝 the engine refused: " + e.getMessage()));
                continue;
            }
            tx.executeWithoutResult(status -> {
                GrantCase locked = cases.lockById(c.getId()).orElseThrow();
                locked.migrated(plan.target().key(), clock.instant());
                List<String> nowAt = new ArrayList<>();
                for (InboxTask t : tasks.ofCase(c.getId()).stream().filter(x -> x.getStatus() == InboxTask.Status.OPEN).toList()) {
                    String element = mapped.get(t.getElementId());
                    if (t.getProcessInstanceKey() == c.getProcessInstanceKey() && element != null) {
                        Node n = to.get(element);
                        t.movedTo(element, n == null ? null : n.name());
                        nowAt.add(element);
                    }
                }
                String detail = "模型迁移 moved from " + plan.source().processId() + " v" + plan.source().version()
                        + " to v" + plan.target().version() + " by " + user + (mappingText.equals("[]") ? ""
                        : ", mapping " + mappingText) + "; waiting at " + nowAt;
                progress.note(c.getId(), TimelineEntry.Event.MIGRATED, user, detail, c.getId() + ":migrated:"
                        + plan.target().key(), nowAt.isEmpty() ? null : nowAt.get(0), plan.target().key());
                audit.acted(user, "migrate-case", c.getId(), detail);
            });
            results.add(new Moved(c.getId(), true, null));
        }
        long migrated = results.stream().filter(Moved::migrated).count();
        return new Result(plan.source(), plan.target(), results, migrated, results.size() - migrated);
    }

    private ProcessModel model(String field, Long key) {
        if (key == null) {
            throw ApiException.badRequest(field, field + " is required: the process definition key of a deployed version");
        }
        return models.findByEngineEpochAndProcessDefinitionKey(engineEpoch, key)
                .orElseThrow(() -> ApiException.badRequest(field, field + " " + key + " is no deployed model version"));
    }

    /** The flow elements of a version, each with its kind, name and enclosing sub-process. */
    static Map<String, Node> nodes(ProcessModel model) {
        Document doc = ModelValidator.parse(model.getXml().getBytes(StandardCharsets.UTF_8));
        Map<String, Node> nodes = new LinkedHashMap<>();
        if (doc != null) {
            for (Element process : ModelValidator.children(doc.getDocumentElement(), ModelValidator.BPMN, "process")) {
                collect(process, null, nodes);
            }
        }
        return nodes;
    }

    private static void collect(Element scope, String parent, Map<String, Node> nodes) {
        for (Element e : ModelValidator.children(scope, ModelValidator.BPMN, null)) {
            if (!ModelValidator.FLOW_ELEMENTS.contains(e.getLocalName()) || e.getLocalName().equals("sequenceFlow")) {
                continue;
            }
            String name = e.getAttribute("name").replace('\n', ' ');
            nodes.put(e.getAttribute("id"), new Node(e.getAttribute("id"), e.getLocalName(), name, parent));
            if (e.getLocalName().equals("subProcess")) {
                collect(e, e.getAttribute("id"), nodes);
            }
        }
    }
}
