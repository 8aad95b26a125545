package dev.kaigi.user;

import dev.kaigi.testsupport.KaigiTestResources;
import dev.kaigi.testsupport.ServiceWiringContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** user-service starts with its database, broker and token verification wired. */
@QuarkusTest
@QuarkusTestResource(value = KaigiTestResources.class, initArgs = @ResourceArg(name = "database", value = "users"))
@QuarkusTestResource(LicensingProcess.class)
@QuarkusTestResource(FakeKeycloak.class)
class UserServiceWiringTest extends ServiceWiringContract {
}
