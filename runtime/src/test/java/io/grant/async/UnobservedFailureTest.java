package io.grant.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failure nobody looks at is logged once, when its result is collected; a failure someone saw is not. */
class UnobservedFailureTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(AsyncResult.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    /** What was logged so far; the Cleaner's thread appends while we read, under the appender's lock. */
    private List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    private List<String> lostFailures(String operation) {
        return events().stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("'" + operation + "'"))
                .toList();
    }

    @Test
    void anUnobservedFailureIsLoggedOnce() {
        dropFailure("Lost.op");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            System.gc();
            return !lostFailures("Lost.op").isEmpty();
        });
        assertThat(lostFailures("Lost.op"))
                .containsExactly("Async operation 'Lost.op' failed and nobody awaited its result");
        assertThat(events().stream().filter(e -> e.getFormattedMessage().contains("Lost.op")).findFirst()
                .orElseThrow().getThrowableProxy().getMessage()).isEqualTo("nobody saw me");
    }

    @Test
    void anObservedFailureIsNotLogged() {
        AsyncResult<Integer> seen = AsyncResult.supply("Seen.op", () -> {
            throw new IllegalStateException("seen");
        });
        assertThat(seen.onError(e -> -1)).isEqualTo(-1);
        seen = null;
        dropFailure("Marker.op");
        // once the marker, dropped after, has been logged, a collection has run that would have logged both
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            System.gc();
            return !lostFailures("Marker.op").isEmpty();
        });
        assertThat(lostFailures("Seen.op")).isEmpty();
    }

    private static void dropFailure(String operation) {
        AsyncResult<Integer> lost = AsyncResult.supply(operation, () -> {
            throw new IllegalStateException("nobody saw me");
        });
        await().atMost(Duration.ofSeconds(5)).until(lost::isDone);
    }
}
