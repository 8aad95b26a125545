package dev.kaigi.chassis.rest;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.text.ControlCharacters;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * SEC-03 for the URL: a query or path parameter holding a control character (decoded, {@code %00} is
 * U+0000) is refused with a 400 problem naming the parameter, before any resource or query sees it.
 * A parameter is one line, so tab, CR and LF are refused too. Bodies are {@link StrictJson}'s.
 */
public class ControlCharacterParameters {

    @ServerRequestFilter
    public void refuseControlCharacters(UriInfo uri) {
        check(uri.getQueryParameters());
        check(uri.getPathParameters());
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (ControlCharacters.inLine(parameter.getKey())) {
                throw ProblemException.invalidField(ControlCharacters.visible(parameter.getKey()), "control-character");
            }
            for (String value : parameter.getValue()) {
                if (value != null && ControlCharacters.inLine(value)) {
                    throw ProblemException.invalidField(parameter.getKey(), "control-character");
                }
            }
        }
    }
}
