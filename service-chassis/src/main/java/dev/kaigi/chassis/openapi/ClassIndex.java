package dev.kaigi.chassis.openapi;

import org.jboss.jandex.CompositeIndex;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.IndexView;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Jandex indexes ({@code META-INF/jandex.idx}, made by jandex-maven-plugin) of the service and the
 * chassis. The index SmallRye hands a filter in a Quarkus build knows no classes, so the filter
 * reads the resources and records it needs from these.
 */
final class ClassIndex {

    private ClassIndex() {
    }

    static IndexView load(ClassLoader loader) {
        List<IndexView> indexes = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources("META-INF/jandex.idx"))) {
                try (InputStream in = url.openStream()) {
                    indexes.add(new IndexReader(in).read());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CompositeIndex.create(indexes);
    }
}
