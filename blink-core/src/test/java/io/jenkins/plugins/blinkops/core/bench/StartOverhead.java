package io.jenkins.plugins.blinkops.core.bench;

import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.EngineAccess;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The engine starting an execution ({@link BlinkClient#startExecution}) against a bare HttpClient 5
 * POST of the same body to the same fake server, with the same pool settings. Within a round the two
 * take turns start by start (which goes first alternating), so that drift and noise hit both alike;
 * each round gives the median time of one start each way and their ratio, and the table gives the
 * median and spread of those over the measured rounds, after warm-up rounds that are not counted.
 */
final class StartOverhead {
    static final int WARMUP_ROUNDS = 10;
    static final int ROUNDS = 20;
    static final int OPS_PER_ROUND = 500;

    static String run() throws Exception {
        try (FakeBlinkServer server = FakeBlinkServer.start()) {
            server.workspace("ws-1", "Ops");
            server.workflow("ws-1", "wf-1");
            ConnectionSettings settings = ConnectionSettings.of(BlinkHost.parse(server.url()));
            BlinkTransport transport = BlinkTransport.forSettings(settings);
            BlinkClient client = new BlinkClient(transport, ApiKey.of("test-api-key"));
            ExecutionRequest request = ExecutionRequest.builder("ws-1", "wf-1")
                    .inputs(Map.of("env", "staging", "ticket", "SEC-1234", "dry_run", true))
                    .build();
            String body = EngineAccess.jsonBody(request);
            String uri = server.url() + "/api/v1/workspace/ws-1/playbooks/wf-1/execute";
            try (CloseableHttpClient bare = bareClient(settings)) {
                Op engine = () -> client.startExecution(request);
                Op raw = () -> bare.execute(post(uri, body, settings), response -> {
                    if (response.getCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.getCode());
                    }
                    return EntityUtils.toString(response.getEntity());
                });
                List<Double> engineMicros = new ArrayList<>();
                List<Double> bareMicros = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                    double[] e = new double[OPS_PER_ROUND];
                    double[] r = new double[OPS_PER_ROUND];
                    for (int i = 0; i < OPS_PER_ROUND; i++) {
                        // one of each in turn, the first of the pair alternating, so drift hits both alike
                        if (i % 2 == 0) {
                            e[i] = time(engine);
                            r[i] = time(raw);
                        } else {
                            r[i] = time(raw);
                            e[i] = time(engine);
                        }
                    }
                    server.forgetExecutions();
                    if (round >= WARMUP_ROUNDS) {
                        double em = median(e);
                        double rm = median(r);
                        engineMicros.add(em);
                        bareMicros.add(rm);
                        ratios.add(em / rm);
                    }
                }
                Stats es = Stats.of(engineMicros);
                Stats bs = Stats.of(bareMicros);
                Stats rs = Stats.of(ratios);
                String table = Stats.table(
                        List.of("", "µs per start (median of a round): median [p25–p75] (min–max) over rounds"),
                        List.of(
                                List.of("engine `BlinkClient.startExecution`", es.describe(1)),
                                List.of("bare HttpClient 5 POST", bs.describe(1)),
                                List.of("ratio engine / bare, per round", rs.describe(3))));
                double ratio = rs.median();
                return String.format(
                        Locale.ROOT,
                        "Start overhead: %d rounds of %d starts each way, taking turns, after %d warm-up rounds,"
                                + " one thread, pool of %d%n%s%nmedian of the per-round ratios %.3f (goal ≤ 1.2): %s;"
                                + " ratio of the medians %.3f%n",
                        ROUNDS,
                        OPS_PER_ROUND,
                        WARMUP_ROUNDS,
                        settings.maxConcurrentRequests(),
                        table,
                        ratio,
                        ratio <= 1.2 ? "met" : "NOT met",
                        es.median() / bs.median());
            } finally {
                transport.close();
            }
        }
    }

    interface Op {
        Object call() throws Exception;
    }

    /** Microseconds of one operation. */
    private static double time(Op op) throws Exception {
        long start = System.nanoTime();
        op.call();
        return (System.nanoTime() - start) / 1e3;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    /** The engine's pool and timeouts, built by hand. */
    private static CloseableHttpClient bareClient(ConnectionSettings settings) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConcurrentRequests())
                .setMaxConnPerRoute(settings.maxConcurrentRequests())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .setUserAgent(settings.userAgent())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(settings.callTimeout()))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    private static HttpPost post(String uri, String body, ConnectionSettings settings) {
        HttpPost post = new HttpPost(uri);
        post.setHeader("BLINK-API-KEY", "test-api-key");
        post.setHeader("Accept", "application/json");
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return post;
    }
}
