package dev.kaigi.chassis.testapp;

import dev.kaigi.testsupport.KaigiTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Gives every chassis test the same database and broker, so Quarkus boots once for the module. */
@QuarkusTestResource(value = KaigiTestResources.class, initArgs = @ResourceArg(name = "database", value = "chassis"))
public class ChassisTestResources {
}
