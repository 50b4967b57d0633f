package org.dynnd.sensors.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SysfsNumbersTest {

    private static long parse(String s, int decimals) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return SysfsNumbers.parseScaled(b, b.length, decimals);
    }

    @Test
    void parsesTheIna231SixDecimalFormat() {
        assertThat(parse("0.518144\n", 6)).isEqualTo(518_144);
        assertThat(parse("1.012500\n", 6)).isEqualTo(1_012_500);
        assertThat(parse("12.5\n", 6)).isEqualTo(12_500_000);
    }

    @Test
    void parsesIntegersWithTheirNewline() {
        assertThat(parse("2469474853\n", 0)).isEqualTo(2_469_474_853L);
        assertThat(parse("262143999938\n", 0)).isEqualTo(262_143_999_938L);
        assertThat(parse("-5\n", 0)).isEqualTo(-5);
    }

    @Test
    void reportsEmptyAndGarbageInsteadOfThrowing() {
        assertThat(parse("", 0)).isEqualTo(SysfsNumbers.EMPTY);
        assertThat(parse("\n", 6)).isEqualTo(SysfsNumbers.EMPTY);
        assertThat(parse("abc\n", 0)).isEqualTo(SysfsNumbers.GARBAGE);
        assertThat(parse("12 ma\n", 0)).isEqualTo(SysfsNumbers.GARBAGE);
        assertThat(parse("1.2\n", 0)).isEqualTo(SysfsNumbers.GARBAGE);
        assertThat(parse("0.1234567\n", 6)).isEqualTo(SysfsNumbers.GARBAGE);
        assertThat(parse("1.\n", 6)).isEqualTo(SysfsNumbers.GARBAGE);
        assertThat(parse("-\n", 0)).isEqualTo(SysfsNumbers.GARBAGE);
        assertThat(parse("99999999999999999999\n", 0)).isEqualTo(SysfsNumbers.GARBAGE);
    }

    @Property
    void readsBackWhatTheDriverPrints(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long micro) {
        String printed = String.format("%d.%06d\n", micro / 1_000_000, micro % 1_000_000);
        assertThat(parse(printed, 6)).isEqualTo(micro);
        assertThat(parse(micro + "\n", 0)).isEqualTo(micro);
    }
}
