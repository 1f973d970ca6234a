package cn.grants.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The element templates a process owner installs in Camunda Modeler ({@code bpmn/element-templates}): each valid
 * against the pinned JSON Schema of Camunda 8 element templates, one per job type and per form the models use, each
 * named in Chinese and English with its inputs and outputs labelled in both.
 */
class ElementTemplatesTest {

    static final Path TEMPLATES = Path.of("element-templates");
    static final Path SCHEMA = Path.of("target/element-templates-schema/package/resources/schema.json");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    static final Pattern LATIN = Pattern.compile("[A-Za-z]{2,}");

    static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void shouldValidateEveryTemplateAgainstTheElementTemplatesSchema() throws IOException {
        // given the schema fetched at build time (its digest checked) and the templates
        Schema schema;
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        List<String> errors = new ArrayList<>();

        // when each is validated
        for (Path template : templates()) {
            for (Error e : schema.validate(JSON.readTree(template.toFile()))) {
                errors.add(template.getFileName() + " " + e.getInstanceLocation() + ": " + e.getMessage());
            }
        }

        // then none has an error, and a broken one would
        assertThat(templates()).hasSizeGreaterThan(20);
        assertThat(errors).isEmpty();
        JsonNode broken = JSON.readTree("{\"name\": \"x\", \"id\": \"x\", \"appliesTo\": \"bpmn:Task\", \"properties\": 1}");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void shouldOfferATemplateForEveryJobTypeAndFormTheModelsUseWithBilingualLabels() throws IOException {
        // given the job types and forms of the shipped models
        Set<String> jobTypes = new TreeSet<>();
        Set<String> forms = new TreeSet<>();
        try (Stream<Path> models = Files.list(Path.of("src/main/resources/bpmn"))) {
            for (Path model : models.filter(m -> m.toString().endsWith(".bpmn")).toList()) {
                String xml = Files.readString(model);
                Matcher job = Pattern.compile("zeebe:taskDefinition type=\"([^\"]+)\"").matcher(xml);
                while (job.find()) {
                    jobTypes.add(job.group(1));
                }
                Matcher form = Pattern.compile("key=\"form\" value=\"([^\"]+)\"").matcher(xml);
                while (form.find()) {
                    forms.add(form.group(1));
                }
            }
        }

        // when the templates are read
        Set<String> templatedJobs = new TreeSet<>();
        Set<String> templatedForms = new TreeSet<>();
        List<String> notBilingual = new ArrayList<>();
        for (Path file : templates()) {
            JsonNode t = JSON.readTree(file.toFile());
            bilingual(file + " name", t.get("name").asText(), notBilingual);
            for (JsonNode p : t.get("properties")) {
                JsonNode binding = p.get("binding");
                String type = binding.get("type").asText();
                if (type.equals("zeebe:taskDefinition") && binding.get("property").asText().equals("type")) {
                    templatedJobs.add(p.get("value").asText());
                }
                if (type.equals("zeebe:taskHeader") && binding.get("key").asText().equals("form")) {
                    templatedForms.add(p.get("value").asText());
                }
                if (p.has("label")) {
                    bilingual(file + " " + p.get("label").asText(), p.get("label").asText(), notBilingual);
                }
            }
        }

        // then every job type and form has its template, named and labelled in both languages
        assertThat(templatedJobs).containsAll(jobTypes);
        assertThat(templatedForms).containsAll(forms);
        assertThat(notBilingual).isEmpty();
    }

    private static void bilingual(String where, String text, List<String> wrong) {
        if (!CHINESE.matcher(text).find() || !LATIN.matcher(text).find()) {
            wrong.add(where);
        }
    }
}
