package org.spinnoise;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.spinnoise.cli.Main;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The rules of DESIGN.md that guard the house, checked on the compiled main classes in every build (a plain surefire
 * test, so {@code mvn verify} runs it). Test classes are not checked: tests may use anything.
 * <ul>
 * <li>{@link #eachPackageUsesOnlyThePackagesBelowIt}: dependencies point one way (cli → run → calibration → bits →
 * instrument → scpi → link, bits → firmware, run → entropy, serve → noise → entropy, diffusion → noise). A cycle
 * or an edge upwards couples the controller to its consumers, so a change in, say, the noise service would ripple
 * into acquisition. Each package lists what it may use, as the code held when this test was written; a new edge is a
 * design decision made here, visibly, not an import slipped in. {@code bits} never imports {@code calibration}.</li>
 * <li>{@link #everyPackageHasItsPlaceInTheMap}: a new top-level package must be placed in that map, or the first
 * rule would not see it.</li>
 * <li>{@link #nothingButCliUsesCli} and {@link #nothingButCliUsesTheSimulatedBench}: the CLI is the top, and the
 * simulated bench is the server side of the instruments; the controller's packages reach instruments only by
 * address, exactly as on hardware, so what passes against the simulator passes against the lab.</li>
 * <li>{@link #nothingBelowCliWritesToTheConsole}: a package below cli that prints would garble the progress bar and
 * every command's output, and a dashboard or a test could not hear it; it logs with SLF4J or tells a listener.</li>
 * <li>{@link #cliHoldsOnlyCommandsOptionsAndConsoleOutput}: cli parses options and prints; domain logic there cannot
 * be reused by another front end (the dashboard, a benchmark) and escapes the rules above, because cli may use
 * everything. Issue 17 moved about 800 such lines out; this keeps them out.</li>
 * </ul>
 * Each rule was seen to fail on a class planted to break it (and the plant removed).
 */
class ArchitectureTest {
    private static final String ROOT = "org.spinnoise";

    /** A leaf every package may use (progress bars and periodic lines are told, never print themselves). */
    private static final String PROGRESS = "progress";

    /** A leaf every package may use: what is wrong with a user's JSON file, in the file's words (issue 18). */
    private static final String JSON = "json";

    /** The run engine and everything it stands on: what readers of run folders (report, catalog) may see. */
    private static final Set<String> RUN_AND_BELOW = Set.of("run", "bits", "calibration", "entropy", "firmware",
            "instrument", "link", "scpi");

    /** Top-level package → the top-level packages it may use (itself, progress and json always). cli may use all. */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("link", Set.of()),
            Map.entry("scpi", Set.of("link")),
            Map.entry("instrument", Set.of("link", "scpi")),
            Map.entry("firmware", Set.of("link")),
            Map.entry("bits", Set.of("entropy", "firmware", "instrument", "scpi")),
            Map.entry("calibration", Set.of("bits", "instrument", "scpi")),
            Map.entry("run", Set.of("bits", "calibration", "entropy", "firmware", "instrument", "link", "scpi")),
            Map.entry("entropy", Set.of()),
            Map.entry("noise", Set.of("entropy")),
            Map.entry("serve", Set.of("entropy", "noise")),
            // entropy: the pool type the noise factories take, which evaluation hands on
            Map.entry("diffusion", Set.of("noise", "entropy")),
            // the server side of the bench checks runs through their folders and the run engine's records; its soak
            // (sim.soak) drives the whole chain, the noise service and its pool streams included
            Map.entry("sim", Set.of("bits", "calibration", "entropy", "firmware", "instrument", "link", "run",
                    "noise", "serve")),
            // reads run folders (manifests carry bits, calibration and firmware records) and, for the dashboard's
            // live feed, the noise service's telemetry
            Map.entry("report", union(RUN_AND_BELOW, Set.of("serve", "noise"))),
            // every run, ingest and pool draw, as run folders and report's readers see them
            Map.entry("catalog", union(RUN_AND_BELOW, Set.of("report"))),
            Map.entry(PROGRESS, Set.of()),
            Map.entry(JSON, Set.of()));

    /**
     * The cli classes that are neither a command nor an options holder and print to the console: their names say
     * so. Then the few process-level or wiring ones, each for a reason, and the two the report branch moves to
     * report/. A name added here is a decision that the class only parses, prints or wires packages together.
     */
    private static final Pattern CONSOLE_NAMES = Pattern.compile(".*(Output|Lines|Table|Progress.*|Errors)"
            // the entry point and --version
            + "|Main|VersionProvider"
            // SIGINT/SIGTERM: the process's shutdown hook, and a figure printer of ingests
            + "|ShutdownStop|PoolReport"
            // the console side of the simulated bench, which only cli may start
            + "|SimulatedAcquire|SimulatedBenchSummary"
            // runs this CLI in a fresh JVM for 'bench sampler'
            + "|DemoWallClock"
            // per-command wiring only cli can do, from other branches of issue 17: the live run and dashboard server
            // of a command (run + report), the dashboard arm of 'bench acquisition' (sim + report), and the catalog
            // registration of what a command did (run cannot call catalog, which reads run)
            + "|LiveDashboard|DashboardBenchArm|CatalogRegistration"
            // the demo's last stages run the board and sample commands themselves; its report is report.DemoReport
            + "|DemoGrid"
            // the table of retired option names, part of parsing the command line
            + "|RenamedOptions"
            // the declared range of a numeric option, checked by UsageErrors before a command runs (issue 18)
            + "|OptionRange");

    /** The main classes, from the folder (or jar) Main was loaded from: scanning the whole class path is slow. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(Set.of(Location.of(Main.class.getProtectionDomain().getCodeSource().getLocation())));

    @TestFactory
    Stream<DynamicTest> eachPackageUsesOnlyThePackagesBelowIt() {
        return MAY_USE.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(
                e.getKey() + " uses only " + e.getValue(), () -> {
                    Set<String> allowed = new TreeSet<>(e.getValue());
                    allowed.add(e.getKey());
                    allowed.add(PROGRESS);
                    allowed.add(JSON);
                    noClasses().that().resideInAPackage(pkg(e.getKey()))
                            .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                                    .and(not(resideInAnyPackage(allowed.stream().map(ArchitectureTest::pkg)
                                            .toArray(String[]::new)))))
                            .because("DESIGN.md: dependencies point one way")
                            // catalog and progress come with other branches of issue 17
                            .allowEmptyShould(true)
                            .check(MAIN);
                }));
    }

    @Test
    void everyPackageHasItsPlaceInTheMap() {
        Set<String> unplaced = new TreeSet<>();
        for (JavaClass c : MAIN) {
            String top = c.getPackageName().equals(ROOT) ? "(root)"
                    : c.getPackageName().substring(ROOT.length() + 1).split("\\.")[0];
            if (!top.equals("cli") && !MAY_USE.containsKey(top)) {
                unplaced.add(top);
            }
        }
        assertEquals(Set.of(), unplaced, "packages missing from ArchitectureTest.MAY_USE: add each with the packages "
                + "it may use (see DESIGN.md, 'Dependencies point one way')");
    }

    @Test
    void nothingButCliUsesCli() {
        noClasses().that().resideOutsideOfPackage(pkg("cli"))
                .should().dependOnClassesThat().resideInAPackage(pkg("cli"))
                .because("cli is the top: it parses options and prints, nothing builds on it")
                .check(MAIN);
    }

    @Test
    void nothingButCliUsesTheSimulatedBench() {
        noClasses().that().resideOutsideOfPackages(pkg("cli"), pkg("sim"))
                .should().dependOnClassesThat().resideInAPackage(pkg("sim"))
                .because("the controller reaches instruments by address only, simulated or real")
                .check(MAIN);
    }

    @Test
    void nothingBelowCliWritesToTheConsole() {
        noClasses().that().resideOutsideOfPackage(pkg("cli"))
                .should(ACCESS_STANDARD_STREAMS)
                .because("only cli knows about the console; below it, log with SLF4J or tell a listener")
                .check(MAIN);
    }

    @Test
    void cliHoldsOnlyCommandsOptionsAndConsoleOutput() {
        classes().that().resideInAPackage(ROOT + ".cli").and().areTopLevelClasses()
                .should(beACommandAnOptionsHolderOrConsoleOutput())
                .because("cli parses options and prints; domain logic belongs in the package whose job it is")
                .check(MAIN);
    }

    private static ArchCondition<JavaClass> beACommandAnOptionsHolderOrConsoleOutput() {
        return new ArchCondition<>("be a picocli @Command, an options holder (@Option, @Parameters, @Mixin or "
                + "@ArgGroup fields) or console output (" + CONSOLE_NAMES.pattern() + ")") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean command = c.isAnnotatedWith(Command.class);
                boolean options = c.getFields().stream().anyMatch(ArchitectureTest::isOptionField);
                boolean console = CONSOLE_NAMES.matcher(c.getSimpleName()).matches();
                if (!command && !options && !console) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is neither a command, an options "
                            + "holder nor console output: move its logic to the package whose job it is"));
                }
            }
        };
    }

    private static boolean isOptionField(JavaField f) {
        return f.isAnnotatedWith(Option.class) || f.isAnnotatedWith(Parameters.class) || f.isAnnotatedWith(Mixin.class)
                || f.isAnnotatedWith(ArgGroup.class);
    }

    private static String pkg(String top) {
        return ROOT + "." + top + "..";
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}
