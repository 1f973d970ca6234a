package cn.grants.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the workers and users of the grant lifecycle against the in-memory engine: completes notify-applicant
 * jobs (recording the stages they announce) and works the user-task jobs by element id.
 */
final class LifecycleDriver {

    static final String PROCESS_ID = "grant-lifecycle";
    static final String USER_TASK = "io.camunda.zeebe:userTask";

    private final ZeebeTestEngine engine;
    private final ZeebeClient client;
    final List<String> stages = new ArrayList<>();
    final List<String> actors = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    LifecycleDriver(ZeebeTestEngine engine, ZeebeClient client) {
        this.engine = engine;
        this.client = client;
    }

    void deploy() {
        client.newDeployResourceCommand().addResourceFromClasspath("bpmn/grant-lifecycle.bpmn").send().join();
    }

    ProcessInstanceEvent start(boolean auditRequired) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseId", "00000000-0000-0000-0000-000000000001");
        variables.put("applicantUser", "applicant");
        variables.put("lastActor", "applicant");
        variables.put("auditRequired", auditRequired);
        variables.put("passScore", 60);
        variables.put("correctionPeriod", "P10D");
        ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion()
                .variables(variables).send().join();
        idle();
        return instance;
    }

    void idle() {
        try {
            engine.waitForIdleState(Duration.ofSeconds(5));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Completes every pending notify-applicant job, recording the announced stage. */
    void notifications() {
        while (true) {
            idle();
            List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("notify-applicant").maxJobsToActivate(10)
                    .send().join().getJobs();
            if (jobs.isEmpty()) {
                return;
            }
            for (ActivatedJob job : jobs) {
                Map<String, Object> v = job.getVariablesAsMap();
                stages.add((String) v.get("stage"));
                actors.add((String) v.get("actor"));
                reasons.add((String) v.get("reason"));
                client.newCompleteCommand(job).send().join();
            }
        }
    }

    /** The open user-task job of an element; fails when there is none. */
    ActivatedJob userTask(String elementId) {
        notifications();
        List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(USER_TASK).maxJobsToActivate(10)
                .timeout(Duration.ofSeconds(1)).send().join().getJobs();
        assertThat(jobs).extracting(ActivatedJob::getElementId).contains(elementId);
        return jobs.stream().filter(j -> j.getElementId().equals(elementId)).findFirst().orElseThrow();
    }

    void complete(String elementId, String user, String outcome, Map<String, Object> extra) {
        ActivatedJob job = userTask(elementId);
        Map<String, Object> variables = new HashMap<>(extra);
        variables.put("outcome", outcome);
        variables.put("lastActor", user);
        if (outcome.equals("REJECT") || outcome.equals("WITHDRAW")) {
            variables.put("rejectionReason", "reason given by " + user);
        }
        client.newCompleteCommand(job).variables(variables).send().join();
        notifications();
    }

    void complete(String elementId, String user, String outcome) {
        complete(elementId, user, outcome, Map.of());
    }

    /** The formal check approves and the expert scores, the steps before the ones most tests are about. */
    void passReview(int score) {
        complete("UserTask_FormalCheck", "officer", "APPROVE");
        complete("UserTask_ExpertReview", "expert1", "APPROVE", Map.of("score", score));
    }

    ActivatedJob serviceJob(String type) {
        notifications();
        List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1).send().join()
                .getJobs();
        assertThat(jobs).as("a %s job", type).hasSize(1);
        return jobs.get(0);
    }

    void calculate(String amount) {
        client.newCompleteCommand(serviceJob("calculate-subsidy"))
                .variables(Map.of("calculatedAmount", amount, "capped", false)).send().join();
        notifications();
    }

    /** The schedule-publicity worker's part: the publicity ends a minute from now. */
    void schedulePublicity() {
        String ends = java.time.OffsetDateTime.now().plusMinutes(1).toString();
        client.newCompleteCommand(serviceJob("schedule-publicity")).variables(Map.of("publicityEnds", ends)).send()
                .join();
        idle();
    }

    void publicityPasses() {
        schedulePublicity();
        engine.increaseTime(Duration.ofMinutes(2));
        idle();
        notifications();
    }

    void pay() {
        ActivatedJob job = serviceJob("execute-payout");
        assertThat(job.getVariablesAsMap()).containsEntry("tranche", 1);
        client.newCompleteCommand(job).variables(Map.of("payoutId", "p-1")).send().join();
        notifications();
    }
}
