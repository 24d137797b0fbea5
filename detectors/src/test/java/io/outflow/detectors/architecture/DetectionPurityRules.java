package io.outflow.detectors.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * What detection code may not touch: the wall clock, randomness, and I/O (files and the network). Time reaches a
 * detector only through flows and watermarks; the same input must give the same alerts in every engine. Loading
 * settings (the {@code settings} package: YAML, feed files) is the one place allowed to read files.
 */
final class DetectionPurityRules {
    static final String DETECTORS = "io.outflow.detectors..";
    static final String SETTINGS = "io.outflow.detectors.settings..";

    private static final Set<String> CLOCK_OWNERS = Set.of("java.time.Instant", "java.time.LocalDateTime",
            "java.time.LocalDate", "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime",
            "java.time.OffsetTime", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

    private DetectionPurityRules() {
    }

    static final ArchRule NO_WALL_CLOCK = noClasses().that().resideInAPackage(DETECTORS)
            .should().callMethodWhere(wallClockCall())
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.InstantSource")
            .because("time reaches detectors only through event times and watermarks");

    static final ArchRule NO_RANDOMNESS = noClasses().that().resideInAPackage(DETECTORS)
            .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.SplittableRandom")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
            .orShould().dependOnClassesThat().resideInAPackage("java.util.random..")
            .orShould().callMethod("java.util.UUID", "randomUUID")
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(StrictMath.class, "random")
            .because("the same input must give the same alerts");

    static final ArchRule NO_IO_OUTSIDE_SETTINGS = noClasses().that().resideInAPackage(DETECTORS)
            .and().resideOutsideOfPackage(SETTINGS)
            .should().dependOnClassesThat(fileOrNetworkIo())
            .because("detectors are pure: inputs arrive as flows, outputs leave as alerts");

    private static DescribedPredicate<JavaCall<?>> wallClockCall() {
        return DescribedPredicate.describe("a wall-clock read (now(), currentTimeMillis(), nanoTime())", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            if (owner.equals("java.lang.System")) {
                return name.equals("currentTimeMillis") || name.equals("nanoTime");
            }
            return CLOCK_OWNERS.contains(owner) && name.equals("now");
        });
    }

    private static DescribedPredicate<JavaClass> fileOrNetworkIo() {
        return DescribedPredicate.describe("file or network I/O (java.io files, java.nio.file, java.nio.channels, "
                + "java.net other than address values)", c -> {
            String name = c.getName();
            if (name.startsWith("java.nio.file.") || name.startsWith("java.nio.channels.")) {
                return true;
            }
            if (name.startsWith("java.io.")) {
                return name.startsWith("java.io.File") || name.equals("java.io.RandomAccessFile");
            }
            if (name.startsWith("java.net.")) {
                return !(name.equals("java.net.InetAddress") || name.equals("java.net.Inet4Address")
                        || name.equals("java.net.Inet6Address"));
            }
            return false;
        });
    }
}
