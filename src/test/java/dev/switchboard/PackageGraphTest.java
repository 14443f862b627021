package dev.switchboard;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.switchboard.http.handler.UpgradeRoute;

/**
 * The gateway's package graph, checked on the production bytecode.
 *
 * <p>{@code core} is the shared machinery and knows no protocol and no console; each protocol
 * ({@code sea}, {@code rooms}, {@code http}, {@code example}) stands alone, except that rooms plugs into
 * the HTTP listeners through their upgrade SPI, and the {@code bridge} joins SEA and rooms through their services. Within a protocol, {@code codec} is pure framing,
 * {@code message} holds the records and {@code service} the domain rules: neither of the last two sees
 * Netty or Spring, so they run and test without a channel or a context. The load driver and the client
 * tools ({@code bench}, {@code tools}) are separate programs that the gateway never calls.
 */
@AnalyzeClasses(packages = "dev.switchboard", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageGraphTest {

    private static final String CORE = "dev.switchboard.core..";
    private static final String CONSOLE = "dev.switchboard.console..";
    private static final String CLUSTER = "dev.switchboard.cluster..";
    private static final String SEA = "dev.switchboard.sea..";
    private static final String ROOMS = "dev.switchboard.rooms..";
    private static final String HTTP = "dev.switchboard.http..";
    private static final String EXAMPLE = "dev.switchboard.example..";
    private static final String BRIDGE = "dev.switchboard.bridge..";
    private static final String[] TOOLS = {"dev.switchboard.tools..", "dev.switchboard.bench.."};
    private static final String NETTY = "io.netty..";
    private static final String SPRING = "org.springframework..";

    @ArchTest
    static final ArchRule coreDependsOnNoProtocolNorConsole = noClasses()
            .that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(SEA, ROOMS, HTTP, EXAMPLE, CONSOLE);

    /** The backplane carries bytes and plain values; the protocols depend on it, never the other way. */
    @ArchTest
    static final ArchRule clusterDependsOnNoProtocolNorConsole = noClasses()
            .that().resideInAPackage(CLUSTER)
            .should().dependOnClassesThat().resideInAnyPackage(SEA, ROOMS, HTTP, EXAMPLE, CONSOLE);

    @ArchTest
    static final ArchRule seaDependsOnNoOtherProtocol = noClasses()
            .that().resideInAPackage(SEA)
            .should().dependOnClassesThat().resideInAnyPackage(ROOMS, HTTP, EXAMPLE, CONSOLE);

    /** Rooms upgrades HTTP connections, so it implements the HTTP listeners' upgrade SPI and nothing else of http. */
    @ArchTest
    static final ArchRule roomsDependsOnlyOnTheHttpUpgradeSpi = noClasses()
            .that().resideInAPackage(ROOMS)
            .should().dependOnClassesThat(resideInAnyPackage(HTTP).and(not(type(UpgradeRoute.class))))
            .orShould().dependOnClassesThat().resideInAnyPackage(SEA, EXAMPLE, CONSOLE);

    @ArchTest
    static final ArchRule httpDependsOnNoOtherProtocol = noClasses()
            .that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage(SEA, ROOMS, EXAMPLE, CONSOLE);

    @ArchTest
    static final ArchRule exampleDependsOnNoOtherProtocol = noClasses()
            .that().resideInAPackage(EXAMPLE)
            .should().dependOnClassesThat().resideInAnyPackage(SEA, ROOMS, HTTP, CONSOLE);

    /** The bridge joins SEA and rooms; neither protocol, nor core, knows it exists beyond the observer each offers. */
    @ArchTest
    static final ArchRule nothingButTheApplicationKnowsTheBridge = noClasses()
            .that().resideInAnyPackage(CORE, SEA, ROOMS, HTTP, EXAMPLE, CONSOLE)
            .should().dependOnClassesThat().resideInAPackage(BRIDGE);

    /** The bridge's rules use the two protocols' services and messages, never their pipelines or codecs. */
    @ArchTest
    static final ArchRule bridgeServiceSeesOnlyServicesAndMessages = noClasses()
            .that().resideInAPackage("dev.switchboard.bridge.service..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.sea.handler..",
                    "dev.switchboard.sea.codec..", "dev.switchboard.rooms.handler..", "dev.switchboard.rooms.codec..",
                    HTTP, EXAMPLE, CONSOLE);

    @ArchTest
    static final ArchRule servicesAndMessagesSeeNoNettyNorSpring = noClasses()
            .that().resideInAnyPackage("..service..", "..message..")
            .should().dependOnClassesThat().resideInAnyPackage(NETTY, SPRING);

    @ArchTest
    static final ArchRule codecsSeeNoHandlerServiceNorSpring = noClasses()
            .that().resideInAPackage("..codec..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.switchboard..handler..", "dev.switchboard..service..", SPRING);

    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = slices()
            .matching("dev.switchboard.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule seaSubPackagesAreFreeOfCycles = slices()
            .matching("dev.switchboard.sea.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule roomsSubPackagesAreFreeOfCycles = slices()
            .matching("dev.switchboard.rooms.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule httpSubPackagesAreFreeOfCycles = slices()
            .matching("dev.switchboard.http.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule exampleSubPackagesAreFreeOfCycles = slices()
            .matching("dev.switchboard.example.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule coreSubPackagesAreFreeOfCycles = slices()
            .matching("dev.switchboard.core.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule gatewayDependsOnNoTool = noClasses()
            .that().resideInAPackage("dev.switchboard..").and().resideOutsideOfPackages(TOOLS)
            .should().dependOnClassesThat().resideInAnyPackage(TOOLS);

    /** Failures go to the logger with the connection, never to stderr. */
    @ArchTest
    static final ArchRule nothingPrintsStackTraces = noClasses()
            .should().callMethodWhere(printStackTrace());

    /** Registries, clocks and groups are beans handed in through constructors; statics are constants. */
    @ArchTest
    static final ArchRule staticFieldsAreFinal = fields()
            .that().areStatic()
            .should().beFinal();

    private static DescribedPredicate<JavaCall<?>> printStackTrace() {
        return DescribedPredicate.describe("Throwable.printStackTrace",
                call -> call.getName().equals("printStackTrace")
                        && call.getTargetOwner().isAssignableTo(Throwable.class));
    }
}
