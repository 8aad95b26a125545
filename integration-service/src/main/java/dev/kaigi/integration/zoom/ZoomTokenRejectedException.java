package dev.kaigi.integration.zoom;

import dev.kaigi.integration.provider.ProviderRejectedException;

/** Zoom answered 401 to an API call: the access token expired or was revoked; refresh and try once more. */
public class ZoomTokenRejectedException extends ProviderRejectedException {

    public ZoomTokenRejectedException(String reason) {
        super(ZoomClient.PROVIDER, 401, reason);
    }
}
