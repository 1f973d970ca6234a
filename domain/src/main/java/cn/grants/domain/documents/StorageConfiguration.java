package cn.grants.domain.documents;

import io.minio.MinioClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The object store client: {@code grants.storage.*} (env S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET). */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    @Bean
    ObjectStore objectStore(@Value("${grants.storage.endpoint}") String endpoint,
            @Value("${grants.storage.access-key}") String accessKey,
            @Value("${grants.storage.secret-key}") String secretKey,
            @Value("${grants.storage.bucket:grant-documents}") String bucket,
            @Value("${grants.storage.region:us-east-1}") String region) {
        MinioClient client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).region(region)
                .build();
        ObjectStore store = new ObjectStore(client, bucket);
        store.ensureBucket();
        return store;
    }
}
