package cn.grants.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package boundaries: domain knows neither workers nor api, workers do not know the api, and the
 * feature packages of each module do not depend on each other in cycles.
 */
class ModuleBoundariesTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the domain's test helpers come as target/test-classes under `mvn test` but as its -tests.jar once packaged
        // (`mvn verify`), which DO_NOT_INCLUDE_TESTS does not recognise
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("cn.grants");
    }

    @Test
    void shouldKeepTheDomainFreeOfWorkersAndApi() {
        noClasses().that().resideInAPackage("cn.grants.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.grants.workers..", "cn.grants.api..")
                .check(classes);
    }

    @Test
    void shouldKeepTheDomainFreeOfTheEngineClient() {
        noClasses().that().resideInAPackage("cn.grants.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.camunda.client..", "io.camunda.zeebe..")
                .check(classes);
    }

    @Test
    void shouldKeepTheProductFreeOfTheDevelopmentRuntime() {
        // the in-memory engine, embedded PostgreSQL and S3 server live in module embedded, never in the product
        noClasses().that().resideInAnyPackage("cn.grants.domain..", "cn.grants.workers..", "cn.grants.api..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.grants.embedded..",
                        "io.camunda.zeebe.process.test..", "io.zonky..", "org.gaul..")
                .check(classes);
    }

    @Test
    void shouldReachTheTaskInboxThroughItsPortOnly() {
        // the pages' controllers and the task handlers use TaskInbox; only its adapter (and the job-based intake
        // worker) know how the inbox is stored and how a step is handed back to the engine
        noClasses().that().resideInAPackage("cn.grants.api..")
                .and().resideOutsideOfPackages("cn.grants.api.tasks.inbox..", "cn.grants.api.recovery..")
                .should().dependOnClassesThat().areAssignableTo(cn.grants.domain.tasks.InboxTaskRepository.class)
                .check(classes);
        noClasses().that().resideInAPackage("cn.grants.api.tasks..")
                .and().resideOutsideOfPackage("cn.grants.api.tasks.inbox..")
                .should().dependOnClassesThat().resideInAnyPackage("io.camunda.client..")
                .check(classes);
    }

    @Test
    void shouldKeepWorkersFreeOfTheApi() {
        noClasses().that().resideInAPackage("cn.grants.workers..")
                .should().dependOnClassesThat().resideInAPackage("cn.grants.api..")
                .check(classes);
    }

    @Test
    void shouldKeepFeaturePackagesFreeOfCycles() {
        slices().matching("cn.grants.domain.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("cn.grants.workers.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("cn.grants.api.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void shouldKeepWorkersIndependentOfEachOther() {
        for (String feature : new String[] {"calculation", "experts", "notifications", "payouts", "rounds", "tasks"}) {
            noClasses().that().resideInAPackage("cn.grants.workers." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherWorkerPackages(feature))
                    .check(classes);
        }
    }

    private static String[] otherWorkerPackages(String feature) {
        return java.util.stream.Stream.of("calculation", "experts", "notifications", "payouts", "rounds", "tasks")
                .filter(f -> !f.equals(feature)).map(f -> "cn.grants.workers." + f + "..").toArray(String[]::new);
    }
}
