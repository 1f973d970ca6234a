package cn.grants.domain.models;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A deployed version of a process model, kept with its XML so that pages and the task inbox can read it. */
@Entity
@Table(name = "process_model")
public class ProcessModel {

    @Id
    @jakarta.persistence.GeneratedValue(strategy = jakarta.persistence.GenerationType.IDENTITY)
    private Long id;
    private String engineEpoch;
    private long processDefinitionKey;
    private String bpmnProcessId;
    private int version;
    private String resourceName;
    private String xml;
    private Instant deployedAt;
    private String deployedBy;

    protected ProcessModel() {
    }

    public ProcessModel(String engineEpoch, long processDefinitionKey, String bpmnProcessId, int version, String resourceName, String xml,
            Instant deployedAt, String deployedBy) {
        this.engineEpoch = engineEpoch;
        this.processDefinitionKey = processDefinitionKey;
        this.bpmnProcessId = bpmnProcessId;
        this.version = version;
        this.resourceName = resourceName;
        this.xml = xml;
        this.deployedAt = deployedAt;
        this.deployedBy = deployedBy;
    }

    public String getEngineEpoch() {
        return engineEpoch;
    }

    public long getProcessDefinitionKey() {
        return processDefinitionKey;
    }

    public String getBpmnProcessId() {
        return bpmnProcessId;
    }

    public int getVersion() {
        return version;
    }

    public String getResourceName() {
        return resourceName;
    }

    public String getXml() {
        return xml;
    }

    public Instant getDeployedAt() {
        return deployedAt;
    }

    public String getDeployedBy() {
        return deployedBy;
    }
}
