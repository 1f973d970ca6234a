package cn.grants.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** The grant lifecycle system: REST API, web pages, job workers and (by default) the embedded backing services. */
@SpringBootApplication(scanBasePackages = "cn.grants")
@EntityScan("cn.grants.domain")
@EnableJpaRepositories("cn.grants.domain")
public class GrantsApplication {

    public static void main(String[] args) {
        SpringApplication.run(GrantsApplication.class, args);
    }
}
