package org.racelab.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package layering of docs/architecture.md: dependencies point one way. */
class ArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.racelab");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("org.racelab.(*)..").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void eachPackageUsesOnlyThePackagesBelowIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("clock")
        .definedBy("org.racelab.clock..")
        .layer("value")
        .definedBy("org.racelab.value..")
        .layer("trace")
        .definedBy("org.racelab.trace..")
        .layer("detect")
        .definedBy("org.racelab.detect..")
        .layer("sync")
        .definedBy("org.racelab.sync..")
        .layer("memory")
        .definedBy("org.racelab.memory..")
        .layer("scenario")
        .definedBy("org.racelab.scenario..")
        .layer("exec")
        .definedBy("org.racelab.exec..")
        .layer("sched")
        .definedBy("org.racelab.sched..")
        .layer("strategy")
        .definedBy("org.racelab.strategy..")
        .layer("experiment")
        .definedBy("org.racelab.experiment..")
        .whereLayer("experiment")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("strategy")
        .mayOnlyBeAccessedByLayers("experiment")
        .whereLayer("sched")
        .mayOnlyBeAccessedByLayers("experiment")
        .whereLayer("exec")
        .mayOnlyBeAccessedByLayers("sched", "strategy", "experiment")
        .whereLayer("scenario")
        .mayOnlyBeAccessedByLayers("exec", "strategy", "experiment")
        .whereLayer("memory")
        .mayOnlyBeAccessedByLayers("exec", "experiment")
        .whereLayer("sync")
        .mayOnlyBeAccessedByLayers("memory", "exec", "experiment")
        .whereLayer("detect")
        .mayOnlyBeAccessedByLayers("sync", "memory", "exec", "sched", "experiment")
        .whereLayer("trace")
        .mayOnlyBeAccessedByLayers("detect", "sync", "memory", "exec", "sched", "experiment")
        .whereLayer("value")
        .mayOnlyBeAccessedByLayers(
            "memory", "scenario", "exec", "sched", "strategy", "experiment", "sync")
        .whereLayer("clock")
        .mayOnlyBeAccessedByLayers(
            "trace", "detect", "sync", "memory", "exec", "sched", "experiment")
        .check(CORE);
  }
}
