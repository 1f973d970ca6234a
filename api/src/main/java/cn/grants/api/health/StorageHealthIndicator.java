package cn.grants.api.health;

import cn.grants.domain.documents.ObjectStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** The document bucket exists and answers through the MinIO client. */
@Component("storage")
public class StorageHealthIndicator extends AbstractHealthIndicator {

    private final ObjectStore store;

    public StorageHealthIndicator(ObjectStore store) {
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (store.reachable()) {
            builder.up().withDetail("bucket", store.bucket());
        } else {
            builder.down().withDetail("bucket", store.bucket()).withDetail("error", "bucket missing");
        }
    }
}
