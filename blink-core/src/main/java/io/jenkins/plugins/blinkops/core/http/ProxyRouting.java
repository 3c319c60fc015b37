package io.jenkins.plugins.blinkops.core.http;

import java.util.function.Consumer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/** The proxy as both HTTP clients (blocking and asynchronous) need it: a route, and its credentials. */
final class ProxyRouting {
    private ProxyRouting() {}

    /**
     * Sets the proxy on a client builder (the blocking and the asynchronous builders share no
     * type, only these two setters); nothing when {@code proxy} is {@code null}.
     */
    static void configure(
            ProxySettings proxy, Consumer<HttpRoutePlanner> routePlanner, Consumer<CredentialsProvider> credentials) {
        if (proxy != null) {
            routePlanner.accept(routePlanner(proxy));
            credentials.accept(credentials(proxy));
        }
    }

    /** Through the proxy, except to the hosts that bypass it. */
    private static HttpRoutePlanner routePlanner(ProxySettings proxy) {
        return new DefaultProxyRoutePlanner(proxyHost(proxy)) {
            @Override
            protected HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
                return proxy.bypasses(target.getHostName()) ? null : super.determineProxy(target, context);
            }
        };
    }

    /** The proxy's user name and password, or {@code null} when it needs none. */
    private static CredentialsProvider credentials(ProxySettings proxy) {
        if (!proxy.hasCredentials()) {
            return null;
        }
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        char[] password =
                proxy.password() == null ? new char[0] : proxy.password().toCharArray();
        credentials.setCredentials(
                new AuthScope(proxyHost(proxy)), new UsernamePasswordCredentials(proxy.username(), password));
        return credentials;
    }

    private static HttpHost proxyHost(ProxySettings proxy) {
        return new HttpHost(proxy.host(), proxy.port());
    }
}
