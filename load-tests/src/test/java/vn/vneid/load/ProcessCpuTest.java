package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessCpuTest {
    @Test
    void utimePlusStimeAreCountedFromTheLastParenthesisSoACommandNameCannotShiftThem() {
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 9160 0 0 0 1234 567 0 0 20 0 31 0 "
                + "123456 5000000000 60000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(1234 + 567);
        assertThatThrownBy(() -> ProcessCpu.ticksOf("4242 java S 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessCpu.ticksOf("4242 (java) S 1 2 3")).hasMessageContaining("too few fields");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisProcessesCpuTimeGrowsWhileItWorks() {
        ProcessCpu cpu = new ProcessCpu(Map.of("self", ProcessHandle.current().pid()), 100);
        long before = cpu.ticks().get("self");
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long spin = 0;
        while (cpu.ticks().get("self") <= before && System.nanoTime() - giveUpAt < 0) {
            for (int i = 0; i < 1_000_000; i++) {
                spin += i ^ spin;
            }
        }
        assertThat(cpu.ticks().get("self")).as("ticks after spinning (%d)", spin).isGreaterThan(before);
        assertThat(cpu.seconds(250)).isEqualTo(2.5);
    }

    @Test
    void aProcessThatIsGoneIsNamed() {
        ProcessCpu cpu = new ProcessCpu(Map.of("redis", 999_999_999L), 100);
        assertThatThrownBy(cpu::ticks).hasMessageContaining("redis=999999999");
    }
}
