package dev.mljobs.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.mljobs.core");

  @Test
  void core_imports_nothing_from_aws_or_onnx() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..", "ai.onnxruntime..", "ai.djl..")
        .because("the core is pure domain; adapters live in functions/aws")
        .check(CORE);
  }

  @Test
  void core_never_reads_the_system_clock() {
    noClasses()
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(OffsetDateTime.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.time.Clock.class)
        .because("time comes from the Clock port so tests can move it")
        .check(CORE);
  }

  @Test
  void the_rules_see_the_core_classes() {
    // guards against the importer silently finding nothing, which would make the rules vacuous
    org.assertj.core.api.Assertions.assertThat(CORE.contain("dev.mljobs.core.job.Job")).isTrue();
  }
}
