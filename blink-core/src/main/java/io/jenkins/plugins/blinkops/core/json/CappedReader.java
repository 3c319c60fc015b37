package io.jenkins.plugins.blinkops.core.json;

import java.io.IOException;
import java.io.Reader;

/**
 * Turns a body that {@link JsonByteCapper} may have cut into a value: like {@link ResponseReader},
 * told whether the body was cut, so that what was left out is marked as such.
 */
@FunctionalInterface
public interface CappedReader<T> {
    T read(Reader body, boolean cut) throws IOException;
}
