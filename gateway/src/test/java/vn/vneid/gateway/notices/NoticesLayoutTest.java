package vn.vneid.gateway.notices;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notice pipeline ({@code ..gateway.notices..}) stands on its own: it never reaches into the HTTP edge
 * (routes, handlers, problem documents, authentication, admission control) nor into the OTP handlers, and of
 * Vert.x-web it uses only the web client that delivers webhooks. Its sub-packages form no cycle. The edge
 * depends on the pipeline, never the other way round.
 */
class NoticesLayoutTest {
    private static JavaClasses gateway;

    @BeforeAll
    static void importClasses() {
        // The module's own classes only (the build runs tests in the module's directory): scanning the class path
        // would read every jar on it.
        gateway = new ClassFileImporter().importPath(Path.of("target/classes"));
    }

    @Test
    void noticesNeverDependOnTheHttpEdge() {
        noClasses().that().resideInAPackage("..gateway.notices..")
                .should().dependOnClassesThat().resideInAnyPackage("..gateway.http..", "..gateway.api..",
                        "..gateway.auth..", "..gateway.admission..", "..gateway.otp..")
                .because("the notice pipeline is the domain; the HTTP edge maps its refusals (NoticeException)")
                .check(gateway);
    }

    @Test
    void noticesUseNoVertxWebButTheWebhookClient() {
        noClasses().that().resideInAPackage("..gateway.notices..")
                .should().dependOnClassesThat(resideInAPackage("io.vertx.ext.web..")
                        .and(not(resideInAPackage("io.vertx.ext.web.client.."))))
                .because("routing contexts and handlers belong to the edge; webhooks only need an HTTP client")
                .check(gateway);
    }

    @Test
    void portsAtTheRootDependOnNoImplementation() {
        noClasses().that().resideInAPackage("vn.vneid.gateway.notices")
                .should().dependOnClassesThat().resideInAPackage("vn.vneid.gateway.notices.*..")
                .because("the contract at the root is what the sub-packages share; it names none of them")
                .check(gateway);
    }

    @Test
    void noticeSubPackagesFormNoCycle() {
        slices().matching("..gateway.notices.(*)..").should().beFreeOfCycles().check(gateway);
    }
}
