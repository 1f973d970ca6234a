package cn.grants.domain.models;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A deployed version of a decision (DMN), kept with its XML as {@link ProcessModel} keeps each process. */
@Entity
@Table(name = "decision_model")
public class DecisionModel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String engineEpoch;
    private long decisionKey;
    private String decisionId;
    private String name;
    private int version;
    private String resourceName;
    private String xml;
    private Instant deployedAt;
    private String deployedBy;

    protected DecisionModel() {
    }

    public DecisionModel(String engineEpoch, long decisionKey, String decisionId, String name, int version,
            String resourceName, String xml, Instant deployedAt, String deployedBy) {
        this.engineEpoch = engineEpoch;
        this.decisionKey = decisionKey;
        this.decisionId = decisionId;
        this.name = name;
        this.version = version;
        this.resourceName = resourceName;
        this.xml = xml;
        this.deployedAt = deployedAt;
        this.deployedBy = deployedBy;
    }

    public String getEngineEpoch() {
        return engineEpoch;
    }

    public long getDecisionKey() {
        return decisionKey;
    }

    public String getDecisionId() {
        return decisionId;
    }

    public String getName() {
        return name;
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
