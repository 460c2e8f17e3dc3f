package io.grant.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo runs to its end and prints the numbers its data implies. */
class DemoTest {

    @Test
    void demoRunsAndReportsCorrectNumbers() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new Demo(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        String output = buffer.toString(StandardCharsets.UTF_8);
        // users 1..20000 are active unless x % 3 == 0: 20000 - 6666
        assertThat(output).contains("users=20,000 active=13,334");
        assertThat(output).contains("paidOrders=320,000");
        assertThat(output).contains("1 of 3 failed: findOrThrow(-1) -> User with id -1 not found");
        assertThat(output).contains("timed out after 200 ms");
        assertThat(output).contains("state=CANCELLED");
        assertThat(output).contains("after the scope closed: 0 operations still running, 0 connections in use");
        // how many statements the operations took depends on what the batching window gathered: not asserted
        assertThat(output).contains("Metrics of 'demo': AsyncMetrics[total=109, active=0, failed=1, timedOut=1, "
                + "cancelled=0, statements=");
        assertThat(output).contains("active users per shard: {eu=2000, us_east=8000, us_west=334}");
        assertThat(output).contains("merged: count=15,500");
        assertThat(output).contains("oldest three anywhere: [eu-user17, us_east-user17, us_west-user17]");
        assertThat(output).contains("18-year-olds on eu (created inside withShard, awaited outside): 50");
    }
}
