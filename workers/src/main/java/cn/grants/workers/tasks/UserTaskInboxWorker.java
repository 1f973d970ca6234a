package cn.grants.workers.tasks;

import cn.grants.domain.tasks.InboxTaskRepository;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holds the lifecycle's human steps: every job-based user task ({@code io.camunda.zeebe:userTask} job) becomes a
 * row of the task inbox, once per job key. The job is not completed here; completing the task in the inbox
 * completes it. The long timeout keeps the job with us; if it is handed out again the row is kept, not doubled.
 */
@Component
public class UserTaskInboxWorker {

    public static final String JOB_TYPE = "io.camunda.zeebe:userTask";

    private final InboxTaskRepository tasks;
    private final ElementNames names;
    private final Clock clock;
    private final String engineEpoch;
    private final ObjectMapper mapper = new ObjectMapper();

    public UserTaskInboxWorker(InboxTaskRepository tasks, ElementNames names, Clock clock,
            @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this.engineEpoch = engineEpoch;
        this.tasks = tasks;
        this.names = names;
        this.clock = clock;
    }

    /** Variables a step shows or checks, kept with the task (what the job itself does not carry in headers). */
    static final List<String> DETAILS = List.of("trancheNumber", "trancheAmount", "firstApprover", "objectionId",
            "objectionType", "slot", "attempt", "expertUser", "poolExhaustedReason", "technicalError", "failedJobType", "failureId");

    @JobWorker(type = JOB_TYPE, autoComplete = false, timeout = 30L * 24 * 3600 * 1000,
            fetchVariables = {"caseId", "roundId", "trancheNumber", "trancheAmount", "firstApprover", "objectionId",
                    "objectionType", "slot", "attempt", "expertUser", "poolExhaustedReason", "technicalError",
                    "failedJobType", "failureId"})
    @Transactional
    public void holdUserTask(ActivatedJob job) {
        Map<String, String> headers = job.getCustomHeaders();
        Map<String, Object> variables = job.getVariablesAsMap();
        Object caseId = variables.get("caseId");
        Object roundId = variables.get("roundId");
        Map<String, Object> details = new LinkedHashMap<>();
        DETAILS.forEach(name -> {
            if (variables.get(name) != null) {
                details.put(name, variables.get(name));
            }
        });
        details.put("form", headers.getOrDefault("form", ""));
        String group = firstCandidateGroup(headers.get("io.camunda.zeebe:candidateGroups"));
        tasks.hold(UUID.randomUUID(), job.getKey(), caseId == null ? null : UUID.fromString(caseId.toString()),
                job.getProcessInstanceKey(), job.getElementId(),
                names.name(job.getProcessDefinitionKey(), job.getElementId()), group,
                headers.get("io.camunda.zeebe:assignee"), headers.getOrDefault("outcomes", "APPROVE,REJECT"),
                clock.instant(), engineEpoch, roundId == null ? null : UUID.fromString(roundId.toString()),
                json(details));
    }

    private String json(Map<String, Object> details) {
        try {
            return mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header is a JSON array such as ["officer"]; the inbox routes by its first group. */
    static String firstCandidateGroup(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String trimmed = header.trim();
        if (trimmed.startsWith("[")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        String first = trimmed.split(",")[0].trim();
        if (first.startsWith("\"") && first.endsWith("\"") && first.length() >= 2) {
            first = first.substring(1, first.length() - 1);
        }
        return first.isEmpty() ? null : first;
    }
}
