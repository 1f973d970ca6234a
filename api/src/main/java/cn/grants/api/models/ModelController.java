package cn.grants.api.models;

import cn.grants.api.problems.ApiException;
import cn.grants.api.tasks.inbox.TaskInbox;
import cn.grants.domain.cases.CaseStatus;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.TimelineEntry;
import cn.grants.domain.cases.TimelineRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.models.DecisionModel;
import cn.grants.domain.models.DecisionModelRepository;
import cn.grants.domain.models.ProcessModel;
import cn.grants.domain.models.ProcessModelRepository;
import io.camunda.client.api.command.ClientStatusException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Process owners deploy new versions of the models (edited in Camunda Modeler). New cases start the latest
 * version; running cases keep the version they started with.
 */
@RestController
@RequestMapping("/api/models")
public class ModelController {

    public record ModelView(long processDefinitionKey, String bpmnProcessId, int version, String resourceName,
            Instant deployedAt, String deployedBy, long cases) {
    }

    private final ModelDeployer deployer;
    private final ModelValidator validator;
    private final ProcessModelRepository models;
    private final GrantCaseRepository cases;
    private final TimelineRepository timeline;
    private final TaskInbox tasks;
    private final DecisionValidator decisionValidator;
    private final CaseMigrations migrations;
    private final DecisionModelRepository decisionModels;
    private final String engineEpoch;

    public ModelController(ModelDeployer deployer, ProcessModelRepository models, GrantCaseRepository cases,
            @Value("${grants.zeebe.epoch}") String engineEpoch, ModelValidator validator, TimelineRepository timeline,
            TaskInbox tasks, DecisionValidator decisionValidator, DecisionModelRepository decisionModels,
            CaseMigrations migrations) {
        this.migrations = migrations;
        this.decisionValidator = decisionValidator;
        this.decisionModels = decisionModels;
        this.timeline = timeline;
        this.tasks = tasks;
        this.validator = validator;
        this.deployer = deployer;
        this.models = models;
        this.cases = cases;
        this.engineEpoch = engineEpoch;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'OFFICER')")
    public List<ModelView> list() {
        Map<Long, Long> running = cases.countByProcessDefinition().stream()
                .collect(Collectors.toMap(row -> (Long) row[0], row -> (Long) row[1]));
        return models.findAllByOrderByBpmnProcessIdAscVersionDesc().stream()
                .filter(m -> engineEpoch.equals(m.getEngineEpoch()))
                .map(m -> view(m, running.getOrDefault(m.getProcessDefinitionKey(), 0L))).toList();
    }

    @GetMapping(value = "/{processDefinitionKey}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    @PreAuthorize("isAuthenticated()")
    public String xml(@PathVariable long processDefinitionKey) {
        return models.findByEngineEpochAndProcessDefinitionKey(engineEpoch, processDefinitionKey)
                .map(ProcessModel::getXml).orElseThrow(() -> ApiException.notFound("model " + processDefinitionKey));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('PROCESS_OWNER')")
    public ResponseEntity<?> deploy(@RequestParam(value = "file", required = false) MultipartFile file,
            Authentication user) throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("file", "file is required: a .bpmn or .dmn model");
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        if (!name.endsWith(".bpmn") && !name.endsWith(".dmn")) {
            throw ApiException.badRequest("file", "file must be a .bpmn or .dmn model, not '" + name + "'");
        }
        byte[] xml = file.getBytes();
        ModelValidator.Report report = name.endsWith(".dmn") ? decisionValidator.validate(xml) : validator.validate(xml);
        if (!report.valid()) {
            return refused(report);
        }
        if (name.endsWith(".dmn")) {
            try {
                return ResponseEntity.status(HttpStatus.CREATED).body(deployer.deployDecisions(name, xml, user.getName())
                        .stream().map(DecisionView::of).toList());
            } catch (ClientStatusException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "file", "the engine refused the decision: "
                        + e.getMessage());
            }
        }
        List<ProcessModel> deployed;
        try {
            deployed = deployer.deploy(name, xml, user.getName());
        } catch (ClientStatusException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "file", "the engine refused the model: " + e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(deployed.stream().map(m -> view(m, 0)).toList());
    }

    /**
     * Checks a model without deploying it: 200 with the report (and its diff against the deployed version) when it
     * may be deployed, 400 naming each element and the rule it breaks otherwise. Every deploy runs the same check.
     */
    @PostMapping(value = "/validate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('PROCESS_OWNER')")
    public ResponseEntity<?> validate(@RequestParam(value = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("file", "file is required: a .bpmn or .dmn model");
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        ModelValidator.Report report = name.endsWith(".dmn") ? decisionValidator.validate(file.getBytes())
                : validator.validate(file.getBytes());
        return report.valid() ? ResponseEntity.ok(report) : refused(report);
    }

    /**
     * What a migration request names: the version the cases run on, the version to move them to, the mapping of
     * source element ids to target ones (beyond those proposed for unchanged ids; an empty target unmaps one) and,
     * for the migration, optionally which cases.
     */
    public record MigrationRequest(Long sourceKey, Long targetKey, Map<String, String> mapping, List<UUID> caseIds) {
    }

    /** The dry run of a migration: the mapping and, per running case, whether it can move and why. Nothing changes. */
    @PostMapping("/migrations/plan")
    @PreAuthorize("hasRole('PROCESS_OWNER')")
    public CaseMigrations.Plan planMigration(@RequestBody MigrationRequest request) {
        return migrations.plan(request.sourceKey(), request.targetKey(), request.mapping());
    }

    /** Moves the running cases the plan lets move to the target version; each is recorded on its timeline. */
    @PostMapping("/migrations")
    @PreAuthorize("hasRole('PROCESS_OWNER')")
    public CaseMigrations.Result migrate(@RequestBody MigrationRequest request, Authentication user) {
        return migrations.migrate(request.sourceKey(), request.targetKey(), request.mapping(), request.caseIds(),
                user.getName());
    }

    /** A deployed version of a decision (DMN). */
    public record DecisionView(long decisionKey, String decisionId, String name, int version, String resourceName,
            Instant deployedAt, String deployedBy) {

        static DecisionView of(DecisionModel d) {
            return new DecisionView(d.getDecisionKey(), d.getDecisionId(), d.getName(), d.getVersion(),
                    d.getResourceName(), d.getDeployedAt(), d.getDeployedBy());
        }
    }

    /** The deployed decisions (DMN), each version, latest first. */
    @GetMapping("/decisions")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'OFFICER')")
    public List<DecisionView> decisions() {
        return decisionModels.findAllByEngineEpochOrderByDecisionIdAscVersionDesc(engineEpoch).stream()
                .map(DecisionView::of).toList();
    }

    /** A deployed decision's DMN, to open in Camunda Modeler. */
    @GetMapping(value = "/decisions/{decisionKey}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'OFFICER')")
    public ResponseEntity<String> decisionXml(@PathVariable long decisionKey) {
        DecisionModel d = decisionModels.findByEngineEpochAndDecisionKey(engineEpoch, decisionKey)
                .orElseThrow(() -> ApiException.notFound("decision " + decisionKey));
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"" + d.getResourceName() + "\"")
                .body(d.getXml());
    }

    /** Running cases waiting at an element of a model version: how many, and which. */
    public record Waiting(String elementId, int count, List<Map<String, String>> cases) {
    }

    /**
     * Where the running cases of a model version wait (the heat map of the models page): a case waits at its open
     * task, or else after the last step it announced, in the version that announced it.
     */
    @GetMapping("/{processDefinitionKey}/waiting")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'OFFICER')")
    public List<Waiting> waiting(@PathVariable long processDefinitionKey) {
        Map<String, List<Map<String, String>>> at = new java.util.TreeMap<>();
        for (GrantCase c : cases.findByStatusIn(List.of(CaseStatus.IN_PROGRESS, CaseStatus.RETURNED))) {
            TimelineEntry last = timeline.findByCaseIdOrderByIdAsc(c.getId()).stream()
                    .filter(e -> e.getElementId() != null && e.getProcessDefinitionKey() != null)
                    .reduce((first, second) -> second).orElse(null);
            if (last == null || last.getProcessDefinitionKey() != processDefinitionKey) {
                continue;
            }
            String element = tasks.ofCase(c.getId()).stream().filter(t -> t.getStatus() == InboxTask.Status.OPEN)
                    .map(InboxTask::getElementId).findFirst().orElse(last.getElementId());
            at.computeIfAbsent(element, k -> new java.util.ArrayList<>()).add(Map.of("id", c.getId().toString(),
                    "enterprise", c.getApplicantName(), "stage", c.getCurrentStage().name()));
        }
        return at.entrySet().stream().map(e -> new Waiting(e.getKey(), e.getValue().size(), e.getValue())).toList();
    }

    /**
     * The Camunda Modeler element templates of this system, one per job type and per form (bpmn/element-templates),
     * as one file Modeler reads (a JSON array): save it in Modeler's {@code resources/element-templates} folder.
     */
    @GetMapping(value = "/element-templates", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'OFFICER')")
    public ResponseEntity<List<com.fasterxml.jackson.databind.JsonNode>> elementTemplates() throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> templates = new java.util.ArrayList<>();
        var resources = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath*:element-templates/*.json");
        java.util.Arrays.sort(resources, java.util.Comparator.comparing(r -> String.valueOf(r.getFilename())));
        for (var resource : resources) {
            try (var in = resource.getInputStream()) {
                templates.add(mapper.readTree(in));
            }
        }
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"grants-element-templates.json\"")
                .body(templates);
    }

    /** RFC 9457: the first problem as the detail, every problem (element and rule) and the diff as properties. */
    private static ResponseEntity<ProblemDetail> refused(ModelValidator.Report report) {
        ModelValidator.Problem first = report.problems().get(0);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, report.problems().size()
                + " problem(s) in the model; first: " + first.message() + " (rule " + first.rule() + ")");
        problem.setType(java.net.URI.create("https://grants.local/problems/invalid-model"));
        problem.setTitle("Invalid model");
        problem.setProperty("field", "file");
        problem.setProperty("errors", report.problems().stream().map(p -> Map.of("field",
                p.element() == null ? "file" : p.element(), "rule", p.rule(), "message", p.message())).toList());
        problem.setProperty("problems", report.problems());
        problem.setProperty("diff", report.diff());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ModelView view(ProcessModel m, long running) {
        return new ModelView(m.getProcessDefinitionKey(), m.getBpmnProcessId(), m.getVersion(), m.getResourceName(),
                m.getDeployedAt(), m.getDeployedBy(), running);
    }
}
