package cn.grants.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Plays the workers and the users of the grant models against the in-memory engine. Service jobs are answered by
 * the functions registered per job type (the worker's part, reduced to its outputs); notify-applicant jobs are
 * completed and recorded per case; user-task jobs are worked by element id (and case, when several cases run).
 */
final class ProcessDriver {

    static final String USER_TASK = "io.camunda.zeebe:userTask";
    static final String NOTIFY = "notify-applicant";

    record Notice(String caseId, String stage, String actor, String reason) {
    }

    /** A BPMN error thrown by a fake worker. */
    record Error(String code, Map<String, Object> variables) {
    }

    private final ZeebeTestEngine engine;
    private final ZeebeClient client;
    private final Map<String, Function<ActivatedJob, Object>> workers = new LinkedHashMap<>();
    final List<Notice> notices = new ArrayList<>();
    final List<ActivatedJob> serviceJobs = new ArrayList<>();

    ProcessDriver(ZeebeTestEngine engine, ZeebeClient client) {
        this.engine = engine;
        this.client = client;
    }

    void deployAll() {
        client.newDeployResourceCommand().addResourceFromClasspath("bpmn/review-route.dmn")
                .addResourceFromClasspath("bpmn/finance-approval.dmn")
                .addResourceFromClasspath("bpmn/grant-lifecycle.bpmn")
                .addResourceFromClasspath("bpmn/grant-round.bpmn")
                .addResourceFromClasspath("bpmn/grant-disbursement.bpmn").send().join();
        // decide-review-route as the worker does it, on the facts the test gives as variables: the engine evaluates
        // the shipped decision (header decisionId) and the route goes back to the model
        worker("decide-review-route", this::decideReviewRoute);
    }

    /** The facts the review-route decision reads, as the worker derives them from the case; a test may override. */
    static Map<String, Object> routeFacts(Map<String, Object> variables) {
        Map<String, Object> in = new java.util.HashMap<>();
        in.put("measureId", variables.getOrDefault("measureId", "sz-equip-05-equipment-trial-subsidy"));
        in.put("mode", variables.getOrDefault("mode", "POST_FUNDING"));
        in.put("estimatedAmount", variables.getOrDefault("estimatedAmount", 600000));
        in.put("auditByClause", variables.getOrDefault("auditRequired", false));
        in.put("roundExpertsPerCase", variables.get("expertsPerCase"));
        in.put("roundPassScore", variables.get("passScore"));
        return in;
    }

    /** The last review-route evaluation: which row applied. */
    final List<io.camunda.zeebe.client.api.response.EvaluateDecisionResponse> routes = new ArrayList<>();

    private Object decideReviewRoute(ActivatedJob job) {
        var evaluated = client.newEvaluateDecisionCommand().decisionId(job.getCustomHeaders().get("decisionId"))
                .variables(routeFacts(job.getVariablesAsMap())).send().join();
        routes.add(evaluated);
        try {
            return Map.of("reviewRoute", new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(evaluated.getDecisionOutput(), Map.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers the outputs of a job type: a variables map, or an {@link Error} to throw. */
    ProcessDriver worker(String type, Function<ActivatedJob, Object> answer) {
        workers.put(type, answer);
        return this;
    }

    ProcessDriver worker(String type, Map<String, Object> outputs) {
        return worker(type, job -> outputs);
    }

    /**
     * Registers a job type whose first job fails on its last retry, as {@code RepairOnLastRetry} reports it (the
     * BPMN error TECHNICAL_FAILURE with the error), and whose later jobs answer the outputs.
     */
    ProcessDriver failsOnceTechnically(String type, Map<String, Object> outputs) {
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        return worker(type, job -> failed.getAndSet(true) ? outputs
                : new Error("TECHNICAL_FAILURE", Map.of("technicalError", "ConnectException: connection refused",
                        "failedJobType", type, "failureId", "00000000-0000-0000-0000-0000000000f1")));
    }

    void idle() {
        try {
            engine.waitForIdleState(Duration.ofSeconds(5));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Completes every pending notification and registered service job until the engine has nothing left for them. */
    @SuppressWarnings("unchecked")
    void run() {
        boolean worked = true;
        while (worked) {
            idle();
            worked = false;
            for (ActivatedJob job : activate(NOTIFY)) {
                Map<String, Object> v = job.getVariablesAsMap();
                notices.add(new Notice((String) v.get("caseId"), (String) v.get("stage"), (String) v.get("actor"),
                        (String) v.get("reason")));
                client.newCompleteCommand(job).send().join();
                worked = true;
            }
            for (Map.Entry<String, Function<ActivatedJob, Object>> w : workers.entrySet()) {
                for (ActivatedJob job : activate(w.getKey())) {
                    serviceJobs.add(job);
                    Object answer = w.getValue().apply(job);
                    if (answer instanceof Error error) {
                        client.newThrowErrorCommand(job).errorCode(error.code()).errorMessage(error.code())
                                .variables(error.variables()).send().join();
                    } else {
                        client.newCompleteCommand(job).variables((Map<String, Object>) answer).send().join();
                    }
                    worked = true;
                }
            }
        }
    }

    private List<ActivatedJob> activate(String type) {
        return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(50).timeout(Duration.ofMinutes(1))
                .send().join().getJobs();
    }

    /** The open user-task jobs, each handed back at once so that later calls see them again. */
    List<ActivatedJob> openUserTasks() {
        run();
        List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(USER_TASK).maxJobsToActivate(100)
                .timeout(Duration.ofMinutes(1)).send().join().getJobs();
        for (ActivatedJob job : jobs) {
            client.newFailCommand(job).retries(job.getRetries()).errorMessage("handed back by the test").send().join();
        }
        idle();
        return jobs;
    }

    /** The open user task of an element (of the given case when not null); fails when there is none. */
    ActivatedJob userTask(String elementId, String caseId) {
        List<ActivatedJob> open = openUserTasks();
        return open.stream().filter(j -> j.getElementId().equals(elementId))
                .filter(j -> caseId == null || Objects.equals(caseId, j.getVariablesAsMap().get("caseId")))
                .findFirst().orElseThrow(() -> new AssertionError("no open " + elementId + " for case " + caseId
                        + "; open: " + open.stream().map(ActivatedJob::getElementId).toList()));
    }

    long count(String elementId) {
        return openUserTasks().stream().filter(j -> j.getElementId().equals(elementId)).count();
    }

    /** Completes a user task the way the task inbox does: outcome, comment and the acting user. */
    ActivatedJob complete(String elementId, String caseId, String user, String outcome, Map<String, Object> form) {
        ActivatedJob job = userTask(elementId, caseId);
        Map<String, Object> variables = new HashMap<>(form);
        variables.put("outcome", outcome);
        variables.put("lastActor", user);
        variables.putIfAbsent("comment", outcome.equals("APPROVE") ? null : "reason given by " + user);
        if (outcome.equals("REJECT") || outcome.equals("WITHDRAW")) {
            variables.put("rejectionReason", variables.get("comment"));
        }
        client.newCompleteCommand(job.getKey()).variables(variables).send().join();
        run();
        return job;
    }

    ActivatedJob complete(String elementId, String caseId, String user, String outcome) {
        return complete(elementId, caseId, user, outcome, Map.of());
    }

    void advance(Duration duration) {
        engine.increaseTime(duration);
        idle();
        run();
    }

    List<String> stages(String caseId) {
        return notices.stream().filter(n -> Objects.equals(caseId, n.caseId())).map(Notice::stage).toList();
    }

    List<ActivatedJob> jobs(String type) {
        return serviceJobs.stream().filter(j -> j.getType().equals(type)).toList();
    }

    static void assertStages(ProcessDriver driver, String caseId, String... expected) {
        assertThat(driver.stages(caseId)).containsExactly(expected);
    }
}
