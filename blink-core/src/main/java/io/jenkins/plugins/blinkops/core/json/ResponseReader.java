package io.jenkins.plugins.blinkops.core.json;

import java.io.IOException;
import java.io.Reader;

/** Turns the body of a successful answer into a value, streaming it. */
@FunctionalInterface
public interface ResponseReader<T> {
    /**
     * @throws IOException or a Gson exception when the body is not what the API promises; the
     *     transport turns that into an error quoting the first bytes received
     */
    T read(Reader body) throws IOException;
}
