package dev.kaigi.integration.simulators;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/** A simulator's answer computed from its state, for the stubs that name it ({@code withTransformers(NAME)}) only. */
abstract class StubAnswer implements ResponseDefinitionTransformerV2 {

    private final String name;

    StubAnswer(String name) {
        this.name = name;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final boolean applyGlobally() {
        return false;
    }
}
