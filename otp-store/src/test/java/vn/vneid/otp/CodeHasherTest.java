package vn.vneid.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CodeHasherTest {
    private static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);
    private final CodeHasher hasher = new CodeHasher(SECRET);

    private String base() {
        return hasher.hash(Purpose.LOGIN, "001099012345", "123456");
    }

    @Test
    void sameInputGivesSameHash() {
        assertThat(new CodeHasher(SECRET.clone()).hash(Purpose.LOGIN, "001099012345", "123456"))
                .isEqualTo(base())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void everyInputChangesTheHash() {
        List<String> hashes = List.of(
                base(),
                hasher.hash(Purpose.REGISTER, "001099012345", "123456"),
                hasher.hash(Purpose.LOGIN, "001099012346", "123456"),
                hasher.hash(Purpose.LOGIN, "001099012345", "123457"));
        assertThat(new HashSet<>(hashes)).hasSize(hashes.size());
    }

    @Test
    void fieldBoundariesAreUnambiguous() {
        assertThat(hasher.hash(Purpose.LOGIN, "0010990123451", "23456")).isNotEqualTo(base());
        assertThat(hasher.hash(Purpose.LOGIN, "00109901234", "5123456")).isNotEqualTo(base());
    }

    @Test
    void anotherSecretGivesAnotherHash() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(new CodeHasher(other).hash(Purpose.LOGIN, "001099012345", "123456"))
                .isNotEqualTo(base());
    }

    @Test
    void shortOrMissingSecretIsRejected() {
        assertThatThrownBy(() -> new CodeHasher(new byte[15])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> new CodeHasher(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CodeHasher(new byte[16])).isNotNull();
    }

    @Test
    void secretIsCopiedNotShared() {
        byte[] secret = SECRET.clone();
        CodeHasher own = new CodeHasher(secret);
        String before = own.hash(Purpose.LOGIN, "001099012345", "123456");
        secret[0] ^= 1;
        assertThat(own.hash(Purpose.LOGIN, "001099012345", "123456")).isEqualTo(before);
    }

    @Test
    void concurrentUseGivesConsistentHashes() throws Exception {
        String expected = base();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!base().equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pseudonymsAreStableShortAndDependOnKindValueAndSecret() {
        String name = hasher.pseudonym("cid", "001099012345");
        assertThat(name).matches("[0-9a-f]{32}").isEqualTo(new CodeHasher(SECRET.clone()).pseudonym("cid", "001099012345"));
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(new HashSet<>(List.of(name, hasher.pseudonym("cid", "001099012346"),
                hasher.pseudonym("ph", "001099012345"), new CodeHasher(other).pseudonym("cid", "001099012345"))))
                .hasSize(4);
    }

    @Test
    void toStringRevealsNoSecret() {
        assertThat(hasher.toString()).doesNotContain("0123456789abcdef");
    }
}
