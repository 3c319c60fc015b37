package io.jenkins.plugins.blinkops.core.callback;

import static io.jenkins.plugins.blinkops.core.callback.CallbackRegistry.Knock.TOO_MANY;
import static io.jenkins.plugins.blinkops.core.callback.CallbackRegistry.Knock.UNKNOWN;
import static io.jenkins.plugins.blinkops.core.callback.CallbackRegistry.Knock.WOKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Knocks on waits' doors, with a clock moved by hand. */
class CallbackRegistryTest {
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final CallbackRegistry registry = new CallbackRegistry(clock::get);
    private final CallbackToken token = CallbackToken.generate();
    private final AtomicInteger woken = new AtomicInteger();

    @Test
    void theKnownTokenWakesItsWait() {
        registry.register(token.hash(), woken::incrementAndGet);

        assertThat(registry.knock(token.value())).isEqualTo(WOKE);
        assertThat(woken).hasValue(1);
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void anotherTokenIsUnknownAndWakesNobody() {
        registry.register(token.hash(), woken::incrementAndGet);

        assertThat(registry.knock(CallbackToken.generate().value())).isEqualTo(UNKNOWN);
        // the hash itself is no token: a leaked hash opens nothing
        assertThat(registry.knock(token.hash())).isEqualTo(UNKNOWN);
        assertThat(woken).hasValue(0);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"short", "a-token-of-forty-four-characters-is-too-long"})
    void aTokenOfAnotherLengthIsUnknown(String presented) {
        registry.register(token.hash(), woken::incrementAndGet);

        assertThat(registry.knock(presented)).isEqualTo(UNKNOWN);
        assertThat(registry.knock(token.value() + "x")).isEqualTo(UNKNOWN);
        assertThat(woken).hasValue(0);
    }

    @Test
    void aClosedRegistrationIsUnknown() {
        CallbackRegistry.Registration registration = registry.register(token.hash(), woken::incrementAndGet);
        registration.close();
        registration.close();

        assertThat(registry.knock(token.value())).isEqualTo(UNKNOWN);
        assertThat(woken).hasValue(0);
        assertThat(registry.size()).isZero();
    }

    @Test
    void closingAnOldRegistrationLeavesANewerOneOfTheSameToken() {
        CallbackRegistry.Registration old = registry.register(token.hash(), () -> {});
        registry.register(token.hash(), woken::incrementAndGet);
        old.close();

        assertThat(registry.knock(token.value())).isEqualTo(WOKE);
        assertThat(woken).hasValue(1);
    }

    @Test
    void aBurstThenTooManyThenOneMorePerRefill() {
        registry.register(token.hash(), woken::incrementAndGet);
        for (int i = 0; i < CallbackRegistry.BURST; i++) {
            assertThat(registry.knock(token.value())).as("knock %d", i + 1).isEqualTo(WOKE);
        }
        assertThat(registry.knock(token.value())).isEqualTo(TOO_MANY);
        assertThat(woken).hasValue(5);

        clock.addAndGet(CallbackRegistry.REFILL_MILLIS - 1);
        assertThat(registry.knock(token.value())).isEqualTo(TOO_MANY);
        clock.addAndGet(1);
        assertThat(registry.knock(token.value())).isEqualTo(WOKE);
        assertThat(registry.knock(token.value())).isEqualTo(TOO_MANY);
        assertThat(woken).hasValue(6);
    }

    @Test
    void aLongQuietRefillsTheBurstAndNoMore() {
        registry.register(token.hash(), woken::incrementAndGet);
        clock.addAndGet(3_600_000);
        for (int i = 0; i < CallbackRegistry.BURST; i++) {
            assertThat(registry.knock(token.value())).isEqualTo(WOKE);
        }
        assertThat(registry.knock(token.value())).isEqualTo(TOO_MANY);
    }

    @Test
    void oneTokensLimitLeavesAnothersAlone() {
        CallbackToken other = CallbackToken.generate();
        AtomicInteger otherWoken = new AtomicInteger();
        registry.register(token.hash(), woken::incrementAndGet);
        registry.register(other.hash(), otherWoken::incrementAndGet);
        for (int i = 0; i < 20; i++) {
            registry.knock(token.value());
        }

        assertThat(registry.knock(token.value())).isEqualTo(TOO_MANY);
        assertThat(registry.knock(other.value())).isEqualTo(WOKE);
        assertThat(woken).hasValue(CallbackRegistry.BURST);
        assertThat(otherWoken).hasValue(1);
    }
}
