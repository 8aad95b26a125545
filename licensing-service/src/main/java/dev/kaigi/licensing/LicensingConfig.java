package dev.kaigi.licensing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** licensing-service settings ({@code kaigi.licensing.*}). */
@ConfigMapping(prefix = "kaigi.licensing")
public interface LicensingConfig {

    /** Regular seats a new organization's FREE subscription starts with. */
    @WithDefault("5")
    int defaultRegularSeats();
}
