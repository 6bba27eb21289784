package org.zeusmobile.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 2: dependencies point inward. zeus-core depends on no other module of ours
 * and on nothing but the JDK, so that it runs inside an Android app unchanged. (One rule says both: a
 * class outside {@code java..} and {@code org.zeusmobile.core..} is an adapter's or a third party's.)
 */
class DependencyRuleTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.zeusmobile.core");

    @Test
    void coreDependsOnlyOnTheJdkAndItself() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.zeusmobile.core..", "java..")
                .because("zeus-core has no third-party runtime dependencies and never depends on an adapter")
                .check(core);
    }
}
