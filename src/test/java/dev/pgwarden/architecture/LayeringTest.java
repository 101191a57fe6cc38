package dev.pgwarden.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the package layering: cli → demo → engine → rules → facts → connection, each layer using only the ones
 * below it; results is the model the upper layers share; report reads results only; probe serves cli and
 * engine; and no two packages depend on each other in a circle.
 */
class LayeringTest {

    private static JavaClasses main;
    private static final java.util.regex.Pattern GENERATED_RULE_CLASSES =
            java.util.regex.Pattern.compile(".*/dev/pgwarden/rules/(P[0-9A-F]{2}/|(Rules|DomainClassesMetadata)[0-9A-F]{32}).*");

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // The built-in rules' executable-model classes, generated from the DRL, use whatever the DRL imports.
                .withImportOption(location -> !location.matches(GENERATED_RULE_CLASSES))
                .importPackages("dev.pgwarden");
    }

    private static LayeredArchitecture layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("dev.pgwarden.cli..")
                .layer("demo").definedBy("dev.pgwarden.demo..")
                .layer("engine").definedBy("dev.pgwarden.engine..")
                .layer("rules").definedBy("dev.pgwarden.rules..")
                .layer("facts").definedBy("dev.pgwarden.facts..")
                .layer("connection").definedBy("dev.pgwarden.connection..")
                .layer("results").definedBy("dev.pgwarden.results..")
                .layer("report").definedBy("dev.pgwarden.report..")
                .layer("probe").definedBy("dev.pgwarden.probe..")
                .layer("export").definedBy("dev.pgwarden.export..");
    }

    @Test
    void eachLayerIsUsedOnlyByTheLayersAboveIt() {
        layers()
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("demo").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("cli", "demo")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("cli", "demo", "engine", "export")
                .whereLayer("facts").mayOnlyBeAccessedByLayers("cli", "demo", "engine", "rules", "export")
                .whereLayer("connection").mayOnlyBeAccessedByLayers("cli", "demo", "engine", "rules", "facts")
                .whereLayer("results").mayOnlyBeAccessedByLayers("cli", "demo", "engine", "rules", "report", "export")
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "demo", "export")
                .whereLayer("export").mayOnlyBeAccessedByLayers("cli")
                .check(main);
    }

    @Test
    void factsAndTargetKnowNothingOfChecksOrTheirResults() {
        layers()
                .whereLayer("facts").mayOnlyAccessLayers("connection")
                .whereLayer("connection").mayNotAccessAnyLayer()
                .whereLayer("results").mayNotAccessAnyLayer()
                .check(main);
    }

    @Test
    void reportReadsResultsOnly() {
        layers().whereLayer("report").mayOnlyAccessLayers("results").check(main);
    }

    @Test
    void probeIsUsedByCliAndEngineOnly() {
        layers().whereLayer("probe").mayOnlyBeAccessedByLayers("cli", "engine").check(main);
    }

    @Test
    void noPackageDependsOnAnotherInACircle() {
        slices().matching("dev.pgwarden.(*)..").should().beFreeOfCycles().check(main);
    }
}
