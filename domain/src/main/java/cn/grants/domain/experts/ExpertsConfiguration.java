package cn.grants.domain.experts;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Expert review: the expert pool ({@code grants.experts.pool-location}, the demo pool of this module by default),
 * the scoring rubric ({@code grants.experts.rubric-location}) and the randomness of the draw (a {@link SecureRandom},
 * unless another {@link RandomGenerator} bean is defined, e.g. a seeded one in tests). A pool or rubric that fails
 * its checks stops the start with the reason.
 */
@Configuration(proxyBeanMethods = false)
public class ExpertsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExpertsConfiguration.class);

    @Bean
    ExpertPool expertPool(
            @Value("${grants.experts.pool-location:classpath:experts/demo-pool.yaml}") String location) {
        ExpertPool pool = ExpertPool.load(resource(location));
        log.info("expert pool: {} experts from {}", pool.experts().size(), location);
        return pool;
    }

    @Bean
    Rubric rubric(@Value("${grants.experts.rubric-location:classpath:experts/rubric.yaml}") String location) {
        Rubric rubric = Rubric.load(resource(location));
        log.info("expert review rubric: {} criteria from {}", rubric.criteria().size(), location);
        return rubric;
    }

    @Bean
    @ConditionalOnMissingBean
    RandomGenerator expertDrawRandom() {
        return new SecureRandom();
    }

    private static Resource resource(String location) {
        Resource resource = new PathMatchingResourcePatternResolver().getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException("no file at " + location);
        }
        return resource;
    }
}
