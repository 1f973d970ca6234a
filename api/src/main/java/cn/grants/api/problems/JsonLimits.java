package cn.grants.api.problems;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JSON parser reads numbers of up to 20,000 characters (its default stops at 1,000, before the field is known),
 * so that an over-long number reaches the bounds check of its field ({@code Decimals}) and is refused with a 400
 * naming that field; the bounds check counts digits without expanding anything.
 */
@Configuration
public class JsonLimits {

    static final int MAX_NUMBER_LENGTH = 20_000;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer numberLength() {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).build()));
    }
}
