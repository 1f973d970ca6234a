package cn.grants.api.models;

import cn.grants.domain.cases.Stage;
import cn.grants.domain.models.ProcessModel;
import cn.grants.domain.models.ProcessModelRepository;
import io.camunda.client.annotation.JobWorker;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a BPMN model before it is deployed, against what this system offers (the contract of
 * {@code docs/process-owners.md}): every job type has a worker, every user task names a form the task inbox knows
 * and its outcomes, the inputs a job type or form reads are mapped, no Camunda 7 attributes, every element is drawn,
 * every service task has its repair path, and every process a call activity starts exists. Each problem names the
 * element and the rule. The report also compares the model with the deployed version of the same process: elements,
 * job types and forms added, removed or changed.
 */
@Component
public class ModelValidator {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";
    static final String CAMUNDA_7 = "http://camunda.org/schema/1.0/bpmn";
    static final String USER_TASK_JOB = "io.camunda.zeebe:userTask";

    /** The forms the task inbox and the pages know (task header {@code form}). */
    public static final Set<String> FORMS = Set.of("formal-check", "correction", "rubric", "expert-pool", "audit",
            "determination", "batch-cut", "objection", "milestone", "matching", "stage-review", "finance-approval",
            "second-approval", "clawback", "repair");
    /** What a form reads from the task's inputs (its details). */
    static final Map<String, List<String>> FORM_INPUTS = Map.of(
            "milestone", List.of("trancheNumber", "trancheAmount"),
            "matching", List.of("trancheNumber", "trancheAmount"),
            "stage-review", List.of("trancheNumber", "trancheAmount"),
            "finance-approval", List.of("trancheNumber", "trancheAmount"),
            "second-approval", List.of("trancheNumber", "trancheAmount", "firstApprover"));
    /** What a job type reads from its inputs, beyond the process variables every step has (caseId, roundId). */
    static final Map<String, List<String>> JOB_INPUTS = Map.of("notify-applicant", List.of("stage"),
            "decide-review-route", List.of());
    /** The variables each process the system calls reads from its caller (its documentation lists them). */
    static final Map<String, List<String>> CALLED_PROCESS_VARIABLES = Map.of(
            "grant-lifecycle", List.of("caseId", "applicantUser", "lastActor", "auditRequired", "passScore",
                    "correctionPeriod", "expertsPerCase", "expertResponsePeriod"),
            "grant-disbursement", List.of("caseId", "lastActor"));
    static final Set<String> STAGES = java.util.Arrays.stream(Stage.values()).map(Stage::name)
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    static final Set<String> FLOW_ELEMENTS = Set.of("startEvent", "endEvent", "intermediateThrowEvent",
            "intermediateCatchEvent", "boundaryEvent", "task", "serviceTask", "userTask", "scriptTask", "sendTask",
            "receiveTask", "businessRuleTask", "manualTask", "exclusiveGateway", "parallelGateway", "inclusiveGateway",
            "eventBasedGateway", "subProcess", "callActivity", "sequenceFlow");

    public record Problem(String processId, String element, String rule, String message) {
    }

    public record Change(String processId, String element, String change, String before, String after) {
    }

    public record Report(List<String> processes, boolean valid, List<Problem> problems, List<Change> diff,
            Map<String, Integer> comparedWith, Map<String, List<String>> jobTypesAdded,
            Map<String, List<String>> jobTypesRemoved, Map<String, List<String>> formsAdded,
            Map<String, List<String>> formsRemoved) {
    }

    private final ApplicationContext context;
    private final ProcessModelRepository models;
    private final String engineEpoch;
    private volatile Set<String> jobTypes;

    private final DecisionValidator decisions;

    public ModelValidator(ApplicationContext context, ProcessModelRepository models, DecisionValidator decisions,
            @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this.decisions = decisions;
        this.context = context;
        this.models = models;
        this.engineEpoch = engineEpoch;
    }

    /** The job types this application has a worker for (its {@code @JobWorker} methods), and the user-task type. */
    public Set<String> jobTypes() {
        if (jobTypes == null) {
            TreeSet<String> types = new TreeSet<>();
            types.add(USER_TASK_JOB);
            for (String name : context.getBeanDefinitionNames()) {
                Class<?> type = context.getType(name, false);
                if (type == null || !type.getName().startsWith("cn.grants.")) {
                    continue;
                }
                for (Method m : ClassUtils.getUserClass(type).getMethods()) {
                    JobWorker worker = m.getAnnotation(JobWorker.class);
                    if (worker != null && !worker.type().isBlank()) {
                        types.add(worker.type());
                    }
                }
            }
            jobTypes = java.util.Collections.unmodifiableSortedSet(types);
        }
        return jobTypes;
    }

    /** Validates a BPMN file and compares it with the deployed versions of its processes. */
    public Report validate(byte[] xml) {
        List<Problem> problems = new ArrayList<>();
        Document doc = parse(xml);
        if (doc == null) {
            problems.add(new Problem(null, null, "xml", "the file is not a well-formed BPMN XML document"));
            return new Report(List.of(), false, problems, List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
        }
        List<Element> processes = children(doc.getDocumentElement(), BPMN, "process");
        if (!BPMN.equals(doc.getDocumentElement().getNamespaceURI()) || processes.isEmpty()) {
            problems.add(new Problem(null, null, "bpmn", "the file defines no BPMN process"));
        }
        camunda7(doc.getDocumentElement(), problems);
        Set<String> drawn = new HashSet<>();
        for (String tag : List.of("BPMNShape", "BPMNEdge")) {
            NodeList di = doc.getElementsByTagNameNS(BPMNDI, tag);
            for (int i = 0; i < di.getLength(); i++) {
                drawn.add(((Element) di.item(i)).getAttribute("bpmnElement"));
            }
        }
        Map<String, String> errorCodes = new LinkedHashMap<>();
        for (Element error : children(doc.getDocumentElement(), BPMN, "error")) {
            errorCodes.put(error.getAttribute("id"), error.getAttribute("errorCode"));
        }
        Set<String> known = new HashSet<>();
        processes.forEach(p -> known.add(p.getAttribute("id")));
        // the deployed versions, read once: the processes a call activity may start, and what each process is compared with
        List<ProcessModel> deployedModels = models.findAllByOrderByBpmnProcessIdAscVersionDesc().stream()
                .filter(m -> engineEpoch.equals(m.getEngineEpoch())).toList();
        deployedModels.forEach(m -> known.add(m.getBpmnProcessId()));
        List<Change> diff = new ArrayList<>();
        Map<String, Integer> compared = new LinkedHashMap<>();
        Map<String, List<String>> jobsAdded = new LinkedHashMap<>();
        Map<String, List<String>> jobsRemoved = new LinkedHashMap<>();
        Map<String, List<String>> formsAdded = new LinkedHashMap<>();
        Map<String, List<String>> formsRemoved = new LinkedHashMap<>();
        for (Element process : processes) {
            String pid = process.getAttribute("id");
            List<Element> elements = flowElements(process);
            Set<String> boundaryFailures = new HashSet<>();
            for (Element e : elements) {
                if (e.getLocalName().equals("boundaryEvent")) {
                    for (Element def : children(e, BPMN, "errorEventDefinition")) {
                        if ("TECHNICAL_FAILURE".equals(errorCodes.get(def.getAttribute("errorRef")))) {
                            boundaryFailures.add(e.getAttribute("attachedToRef"));
                        }
                    }
                }
            }
            for (Element e : elements) {
                String id = e.getAttribute("id");
                if (!drawn.contains(id)) {
                    problems.add(new Problem(pid, id, "not-drawn", id + " has no shape or edge in the diagram: "
                            + "draw it in Camunda Modeler"));
                }
                String job = jobType(e);
                Map<String, String> inputs = inputs(e);
                if (job != null && !jobTypes().contains(job)) {
                    problems.add(new Problem(pid, id, "unknown-job-type", id + " has job type '" + job
                            + "', which no worker of this system takes (known: " + jobTypes() + ")"));
                }
                for (String input : job == null ? List.<String>of() : JOB_INPUTS.getOrDefault(job, List.of())) {
                    if (!inputs.containsKey(input)) {
                        problems.add(new Problem(pid, id, "missing-input", id + " (" + job + ") needs the input '"
                                + input + "'"));
                    }
                }
                if ("notify-applicant".equals(job) && inputs.get("stage") != null) {
                    String stage = literal(inputs.get("stage"));
                    if (stage != null && !STAGES.contains(stage)) {
                        problems.add(new Problem(pid, id, "unknown-stage", id + " announces stage '" + stage
                                + "', which is not a stage of a case (" + STAGES + ")"));
                    }
                }
                if (e.getLocalName().equals("userTask")) {
                    String form = header(e, "form");
                    if (form == null || form.isBlank()) {
                        problems.add(new Problem(pid, id, "missing-form", id + " names no form (task header "
                                + "'form'): the task inbox would not know what to ask and record"));
                    } else if (!FORMS.contains(form)) {
                        problems.add(new Problem(pid, id, "unknown-form", id + " names form '" + form
                                + "', which the task inbox does not know (known: " + new TreeSet<>(FORMS) + ")"));
                    } else {
                        for (String input : FORM_INPUTS.getOrDefault(form, List.of())) {
                            if (!inputs.containsKey(input)) {
                                problems.add(new Problem(pid, id, "missing-input", id + " (form " + form
                                        + ") needs the input '" + input + "'"));
                            }
                        }
                    }
                    String outcomes = header(e, "outcomes");
                    if (outcomes == null || outcomes.isBlank()) {
                        problems.add(new Problem(pid, id, "missing-outcomes", id + " lists no outcomes (task "
                                + "header 'outcomes'): the task would have no button"));
                    }
                }
                if (e.getLocalName().equals("businessRuleTask")) {
                    String decision = children(e, BPMN, "extensionElements").stream()
                            .flatMap(x -> children(x, ZEEBE, "calledDecision").stream())
                            .map(c -> c.getAttribute("decisionId")).findFirst().orElse(header(e, "decisionId"));
                    if (job == null && decision == null) {
                        problems.add(new Problem(pid, id, "unknown-decision", id + " names no decision: give it a "
                                + "called decision, or job type decide-review-route with header decisionId"));
                    } else if (decision != null && !decision.startsWith("=") && !decisions.deployed().contains(decision)) {
                        problems.add(new Problem(pid, id, "unknown-decision", id + " evaluates decision '" + decision
                                + "', which is not deployed (deployed: " + new TreeSet<>(decisions.deployed())
                                + "): deploy the DMN first"));
                    }
                }
                if ((e.getLocalName().equals("serviceTask") || e.getLocalName().equals("businessRuleTask") && job != null)
                        && !boundaryFailures.contains(id)) {
                    problems.add(new Problem(pid, id, "no-repair-path", id + " has no TECHNICAL_FAILURE boundary "
                            + "event leading to a repair task: a failure on its last retry would become an incident"));
                }
                if (e.getLocalName().equals("callActivity")) {
                    String called = children(e, BPMN, "extensionElements").stream()
                            .flatMap(x -> children(x, ZEEBE, "calledElement").stream())
                            .map(c -> c.getAttribute("processId")).findFirst().orElse(null);
                    if (called == null || called.isBlank() || !known.contains(called)) {
                        problems.add(new Problem(pid, id, "unknown-process", id + " starts process '" + called
                                + "', which is neither deployed nor in this file"));
                    }
                    // a call that does not hand over the caller's variables must map each one the called process needs
                    boolean propagates = children(e, BPMN, "extensionElements").stream()
                            .flatMap(x -> children(x, ZEEBE, "calledElement").stream())
                            .noneMatch(c -> "false".equals(c.getAttribute("propagateAllParentVariables")));
                    List<String> missing = propagates ? List.of() : CALLED_PROCESS_VARIABLES.getOrDefault(called,
                            List.of()).stream().filter(v -> !inputs.containsKey(v)).toList();
                    if (!missing.isEmpty()) {
                        problems.add(new Problem(pid, id, "missing-call-variable", id + " starts " + called
                                + " without the caller's variables (propagateAllParentVariables=false) and maps no "
                                + missing + ": " + called + " needs " + CALLED_PROCESS_VARIABLES.get(called)));
                    }
                }
            }
            deployedModels.stream().filter(m -> pid.equals(m.getBpmnProcessId()))
                    .max(Comparator.comparingInt(ProcessModel::getVersion)).ifPresent(deployed -> {
                        compared.put(pid, deployed.getVersion());
                        Document before = parse(deployed.getXml().getBytes(StandardCharsets.UTF_8));
                        Element old = before == null ? null : children(before.getDocumentElement(), BPMN, "process")
                                .stream().filter(p -> pid.equals(p.getAttribute("id"))).findFirst().orElse(null);
                        Map<String, String> was = old == null ? Map.of() : describe(flowElements(old));
                        Map<String, String> is = describe(elements);
                        is.forEach((id, d) -> {
                            if (!was.containsKey(id)) {
                                diff.add(new Change(pid, id, "ADDED", null, d));
                            } else if (!was.get(id).equals(d)) {
                                diff.add(new Change(pid, id, "CHANGED", was.get(id), d));
                            }
                        });
                        was.forEach((id, d) -> {
                            if (!is.containsKey(id)) {
                                diff.add(new Change(pid, id, "REMOVED", d, null));
                            }
                        });
                        Set<String> jobsWas = values(old == null ? List.of() : flowElements(old), true);
                        Set<String> jobsIs = values(elements, true);
                        Set<String> formsWas = values(old == null ? List.of() : flowElements(old), false);
                        Set<String> formsIs = values(elements, false);
                        jobsAdded.put(pid, minus(jobsIs, jobsWas));
                        jobsRemoved.put(pid, minus(jobsWas, jobsIs));
                        formsAdded.put(pid, minus(formsIs, formsWas));
                        formsRemoved.put(pid, minus(formsWas, formsIs));
                    });
        }
        return new Report(processes.stream().map(p -> p.getAttribute("id")).toList(), problems.isEmpty(),
                List.copyOf(problems), List.copyOf(diff), compared, jobsAdded, jobsRemoved, formsAdded, formsRemoved);
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        Set<String> r = new TreeSet<>(a);
        r.removeAll(b);
        return List.copyOf(r);
    }

    private static Set<String> values(List<Element> elements, boolean jobs) {
        Set<String> r = new TreeSet<>();
        for (Element e : elements) {
            String v = jobs ? jobType(e) : e.getLocalName().equals("userTask") ? header(e, "form") : null;
            if (v != null && !(jobs && e.getLocalName().equals("userTask"))) {
                r.add(v);
            }
        }
        return r;
    }

    /** An element as the diff compares it: its kind, name, job type and form. */
    private static Map<String, String> describe(List<Element> elements) {
        Map<String, String> r = new LinkedHashMap<>();
        for (Element e : elements) {
            String job = jobType(e);
            String form = e.getLocalName().equals("userTask") ? header(e, "form") : null;
            String flow = e.getLocalName().equals("sequenceFlow")
                    ? " " + e.getAttribute("sourceRef") + " → " + e.getAttribute("targetRef") : "";
            r.put(e.getAttribute("id"), e.getLocalName() + " \"" + e.getAttribute("name").replace('\n', ' ') + "\""
                    + flow + (job == null || form != null ? "" : " job " + job) + (form == null ? "" : " form " + form));
        }
        return r;
    }

    private static String literal(String source) {
        String s = source.trim();
        return s.startsWith("=\"") && s.endsWith("\"") && s.length() >= 3 ? s.substring(2, s.length() - 1) : null;
    }

    private static String jobType(Element e) {
        if (e.getLocalName().equals("userTask")) {
            return USER_TASK_JOB;
        }
        return children(e, BPMN, "extensionElements").stream().flatMap(x -> children(x, ZEEBE, "taskDefinition")
                .stream()).map(t -> t.getAttribute("type")).filter(t -> !t.isBlank()).findFirst().orElse(null);
    }

    private static String header(Element e, String key) {
        return children(e, BPMN, "extensionElements").stream().flatMap(x -> children(x, ZEEBE, "taskHeaders").stream())
                .flatMap(h -> children(h, ZEEBE, "header").stream()).filter(h -> key.equals(h.getAttribute("key")))
                .map(h -> h.getAttribute("value")).findFirst().orElse(null);
    }

    /** input target → source of the element's io mapping. */
    private static Map<String, String> inputs(Element e) {
        Map<String, String> r = new LinkedHashMap<>();
        children(e, BPMN, "extensionElements").stream().flatMap(x -> children(x, ZEEBE, "ioMapping").stream())
                .flatMap(m -> children(m, ZEEBE, "input").stream())
                .forEach(i -> r.put(i.getAttribute("target"), i.getAttribute("source")));
        return r;
    }

    private static List<Element> flowElements(Element container) {
        List<Element> r = new ArrayList<>();
        for (Element child : children(container, BPMN, null)) {
            if (FLOW_ELEMENTS.contains(child.getLocalName())) {
                r.add(child);
                if (child.getLocalName().equals("subProcess")) {
                    r.addAll(flowElements(child));
                }
            }
        }
        return r;
    }

    private static void camunda7(Element e, List<Problem> problems) {
        String id = e.getAttribute("id");
        if (CAMUNDA_7.equals(e.getNamespaceURI())) {
            problems.add(new Problem(null, id.isEmpty() ? e.getLocalName() : id, "camunda-7", "Camunda 7 element '"
                    + e.getTagName() + "': Camunda 8 ignores it; use the zeebe: extensions (Camunda Modeler, C8)"));
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (CAMUNDA_7.equals(a.getNamespaceURI())) {
                problems.add(new Problem(null, id.isEmpty() ? e.getLocalName() : id, "camunda-7", "Camunda 7 "
                        + "attribute '" + a.getName() + "' on " + (id.isEmpty() ? e.getTagName() : id)
                        + ": Camunda 8 ignores it; use the zeebe: extensions"));
            }
        }
        for (Element child : children(e, null, null)) {
            camunda7(child, problems);
        }
    }

    static List<Element> children(Element parent, String ns, String localName) {
        List<Element> r = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && (ns == null || ns.equals(child.getNamespaceURI()))
                    && (localName == null || localName.equals(child.getLocalName()))) {
                r.add(child);
            }
        }
        return r;
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            return null;
        }
    }

}
