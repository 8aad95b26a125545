package dev.kaigi.testsupport.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout every service keeps, checked by one {@code ArchitectureTest} per service: the code is
 * packaged by feature ({@code dev.kaigi.<service>.<feature>}), and inside a feature the roles are
 * told apart by what a class is (a JAX-RS resource, a JPA entity, a repository, an event handler),
 * not by sub-packages. The rules:
 * <ul>
 * <li>{@link #featuresFreeOfCycles()}: no two features depend on each other, however indirectly;</li>
 * <li>{@link #resourcesCallServices()}: a resource reaches the database only through a service;</li>
 * <li>{@link #entitiesStayBehindServices()}: a resource never sees an entity, so none can become a payload;</li>
 * <li>{@link #eventHandlersLiveWithWhatTheyChange()}: a handler changes only its own feature's tables.</li>
 * </ul>
 * Classes are matched by name, not type, so the rules need nothing of Quarkus on the classpath.
 */
public final class ServiceArchitecture {

    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String ENTITY = "jakarta.persistence.Entity";
    private static final String EVENT_HANDLER = "dev.kaigi.chassis.inbox.EventHandler";
    private static final String EVENT_SUBSCRIBER = "dev.kaigi.chassis.inbox.EventSubscriber";

    private final String root;
    private final JavaClasses classes;

    private ServiceArchitecture(String root, JavaClasses classes) {
        this.root = root;
        this.classes = classes;
    }

    /** The main classes under {@code rootPackage}, e.g. {@code dev.kaigi.scheduling}. */
    public static ServiceArchitecture of(String rootPackage) {
        return new ServiceArchitecture(rootPackage, new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage));
    }

    /** The classes checked; a test asserts there are some, so a wrong root cannot pass every rule. */
    public JavaClasses classes() {
        return classes;
    }

    /** No cycles between the service's feature packages (and whatever lies below them). */
    public void featuresFreeOfCycles() {
        slices().matching(root + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles().check(classes);
    }

    /** A REST resource calls services: it never touches a repository, an {@code EntityManager} or a data source. */
    public void resourcesCallServices() {
        noClasses().that().areAnnotatedWith(PATH).should().dependOnClassesThat(persistence())
                .because("a resource authorizes, maps and calls a service; the service owns the transaction and the SQL")
                .check(classes);
    }

    /** A REST resource never depends on a JPA entity: requests and responses are records of their own. */
    public void entitiesStayBehindServices() {
        noClasses().that().areAnnotatedWith(PATH).should().dependOnClassesThat().areAnnotatedWith(ENTITY)
                .because("entities as payloads leak fields and invite mass assignment (CONVENTIONS, Avoid 1)")
                .check(classes);
    }

    /**
     * An event handler (a chassis {@code EventHandler} or {@code EventSubscriber}, or a class named
     * {@code *EventHandlers} declaring several) uses the repositories and entities of its own package
     * only: what an event changes in a feature, that feature's code changes. It may call other
     * features' services.
     */
    public void eventHandlersLiveWithWhatTheyChange() {
        ArchRule rule = ArchRuleDefinition.classes().that(eventHandlers()).should(useOnlyTheirOwnFeaturesPersistence());
        rule.allowEmptyShould(true).check(classes);
    }

    /** All of the above. */
    public void check() {
        if (classes.isEmpty()) {
            throw new AssertionError("no classes under " + root);
        }
        featuresFreeOfCycles();
        resourcesCallServices();
        entitiesStayBehindServices();
        eventHandlersLiveWithWhatTheyChange();
    }

    private static DescribedPredicate<JavaClass> persistence() {
        return DescribedPredicate.describe("repositories, EntityManager or data sources", ServiceArchitecture::isPersistence);
    }

    private static boolean isPersistence(JavaClass c) {
        return c.getSimpleName().endsWith("Repository") || c.isAssignableTo("io.quarkus.hibernate.orm.panache.PanacheRepositoryBase")
                || c.isAssignableTo("jakarta.persistence.EntityManager") || c.isAssignableTo("javax.sql.DataSource");
    }

    private static DescribedPredicate<JavaClass> eventHandlers() {
        return DescribedPredicate.describe("event handlers", c -> c.isAssignableTo(EVENT_HANDLER)
                || c.isAssignableTo(EVENT_SUBSCRIBER) || c.getSimpleName().endsWith("EventHandlers")
                || enclosedBy(c, "EventHandlers"));
    }

    private static boolean enclosedBy(JavaClass c, String suffix) {
        return c.getEnclosingClass().map(e -> e.getSimpleName().endsWith(suffix)).orElse(false);
    }

    private static ArchCondition<JavaClass> useOnlyTheirOwnFeaturesPersistence() {
        return new ArchCondition<>("use only the repositories and entities of their own package") {
            @Override
            public void check(JavaClass handler, ConditionEvents events) {
                for (Dependency d : handler.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    boolean persistence = target.isAnnotatedWith(ENTITY)
                            || (target.getSimpleName().endsWith("Repository") && !target.getPackageName().startsWith("io.quarkus"));
                    if (persistence && !target.getPackageName().equals(handler.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
