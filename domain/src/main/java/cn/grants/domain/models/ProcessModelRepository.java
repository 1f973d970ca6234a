package cn.grants.domain.models;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProcessModelRepository extends JpaRepository<ProcessModel, Long> {

    Optional<ProcessModel> findByEngineEpochAndProcessDefinitionKey(String engineEpoch, long processDefinitionKey);

    Optional<ProcessModel> findFirstByBpmnProcessIdOrderByVersionDesc(String bpmnProcessId);

    List<ProcessModel> findAllByOrderByBpmnProcessIdAscVersionDesc();
}
