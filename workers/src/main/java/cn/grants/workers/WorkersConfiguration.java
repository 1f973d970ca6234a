package cn.grants.workers;

import cn.grants.workers.notifications.ApplicantEmails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ApplicantEmails.class)
public class WorkersConfiguration {
}
