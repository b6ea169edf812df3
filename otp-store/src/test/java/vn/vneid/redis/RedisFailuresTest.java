package vn.vneid.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RedisFailuresTest {

    @Test
    void everyWayRedisCanFailIsTheStoreBeingUnavailable() {
        assertThat(RedisFailures.map("x", new CompletionException(new RedisCommandTimeoutException("slow"))))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("did not answer in time");
        assertThat(RedisFailures.map("x", new RedisConnectionException("refused")))
                .isInstanceOf(StoreUnavailableException.class);
        // Redis killed in the middle of a reply: Netty hands its own I/O exception to the pending command.
        assertThat(RedisFailures.map("upload", new CompletionException(new IOException("Connection reset by peer"))))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("connection to Redis broke");
    }

    @Test
    void otherFailuresPassThrough() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThat(RedisFailures.map("x", new CompletionException(bug))).isSameAs(bug);
    }
}
