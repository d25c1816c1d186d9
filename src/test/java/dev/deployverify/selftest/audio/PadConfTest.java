package dev.deployverify.selftest.audio;

import dev.deployverify.audio.PadConf;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PadConfTest {

    @Test
    void writesEachFieldAtItsDocumentedOffset() {
        byte[] bytes = PadConf.write("MY PROJECT", 120.5, Map.of(PadConf.padIndex('A', 1), "A01_KICK.wav",
                PadConf.padIndex('B', 3), "B03_SNARE.wav"));

        assertThat(bytes).hasSize(52_000);
        assertThat(bytes[0x12]).as("tempo mode: project tempo").isEqualTo((byte) 0x01);
        assertThat(new byte[]{bytes[0x13], bytes[0x14]}).as("12050 = 0x2F12, big-endian").containsExactly(0x2F, 0x12);
        assertThat(new String(bytes, 0x81, 10, StandardCharsets.US_ASCII)).isEqualTo("MY PROJECT");
        assertThat(bytes[0x81 + 10]).as("name terminator").isZero();
        assertThat(new String(bytes, 0x6C20, 12, StandardCharsets.US_ASCII)).as("bank A pad 1 is the first slot").isEqualTo("A01_KICK.wav");
        int b3 = 0x6C20 + (16 + 2) * 24;
        assertThat(new String(bytes, b3, 13, StandardCharsets.US_ASCII)).as("bank B pad 3 is slot 18").isEqualTo("B03_SNARE.wav");
        assertThat(Arrays.copyOfRange(bytes, 0xA5, 0x6C20)).as("pad records: no documented fields, zero-filled").containsOnly(0);
        assertThat(Arrays.copyOfRange(bytes, 0x6C20 + 160 * 24, 52_000)).as("after the name table").containsOnly(0);
    }

    @Test
    void readsWhatItWrites() {
        byte[] bytes = PadConf.write("LOOPS", 87, Map.of(PadConf.padIndex('J', 16), "LAST.wav"));

        PadConf conf = PadConf.read(bytes);

        assertThat(conf.size()).isEqualTo(52_000);
        assertThat(conf.tempoMode()).isEqualTo(PadConf.TEMPO_MODE_PROJECT);
        assertThat(conf.bpmTimes100()).isEqualTo(8700);
        assertThat(conf.bpm()).isEqualTo(87.0);
        assertThat(conf.projectName()).isEqualTo("LOOPS");
        assertThat(conf.padFileName('J', 16)).isEqualTo("LAST.wav");
        assertThat(conf.padFileNames()).hasSize(160).filteredOn(name -> !name.isEmpty()).hasSize(1);
    }

    @Test
    void bpmIsBigEndianUnsignedSoFastTemposDoNotTurnNegative() {
        PadConf conf = PadConf.read(PadConf.write("FAST", 300, Map.of()));

        assertThat(conf.bpmTimes100()).as("30000 = 0x7530").isEqualTo(30_000);
        byte[] high = PadConf.write("X", 0, Map.of());
        high[0x13] = (byte) 0xFF;
        high[0x14] = (byte) 0xFE;
        assertThat(PadConf.read(high).bpmTimes100()).as("0xFFFE read unsigned").isEqualTo(0xFFFE);
    }

    @Test
    void truncatesNamesToTheirSlotsKeepingTheTerminator() {
        String longName = "A PROJECT NAME LONGER THAN THIRTY-ONE CHARACTERS";
        String longFile = "a-sample-file-name-that-is-too-long.wav";
        byte[] bytes = PadConf.write(longName, 100, Map.of(0, longFile, 1, "next.wav"));

        PadConf conf = PadConf.read(bytes);

        assertThat(conf.projectName()).isEqualTo(longName.substring(0, 31));
        assertThat(bytes[0x81 + 31]).as("32nd byte of the name slot stays zero").isZero();
        assertThat(conf.padFileName('A', 1)).isEqualTo(longFile.substring(0, 23));
        assertThat(bytes[0x6C20 + 23]).as("24th byte of the first slot stays zero").isZero();
        assertThat(conf.padFileName('A', 2)).as("the next slot is untouched by the long name").isEqualTo("next.wav");
    }

    @Test
    void makesNamesAscii() {
        assertThat(PadConf.read(PadConf.write("Café ♪", 90, Map.of())).projectName()).isEqualTo("Caf_ _");
    }

    @Test
    void labelsPadsBankFirst() {
        assertThat(PadConf.padIndex('a', 1)).isZero();
        assertThat(PadConf.padIndex('B', 1)).isEqualTo(16);
        assertThat(PadConf.padIndex('J', 16)).isEqualTo(159);
        assertThat(PadConf.padLabel(0)).isEqualTo("A1");
        assertThat(PadConf.padLabel(18)).isEqualTo("B3");
        assertThat(PadConf.padLabel(159)).isEqualTo("J16");
        assertThatThrownBy(() -> PadConf.padIndex('K', 1)).hasMessageContaining("banks are A-J");
        assertThatThrownBy(() -> PadConf.padIndex('A', 17)).hasMessageContaining("pads 1-16");
    }

    @Test
    void readsAWrongSizeButRefusesATruncatedNameTable() {
        byte[] bytes = PadConf.write("SHORT", 120, Map.of(0, "a.wav"));

        assertThat(PadConf.read(Arrays.copyOf(bytes, 51_200)).size()).isEqualTo(51_200);
        assertThatThrownBy(() -> PadConf.read(Arrays.copyOf(bytes, 30_000)))
                .isInstanceOf(PadConf.FormatException.class)
                .hasMessageContaining("only 30000 bytes").hasMessageContaining("31520");
    }

    @Test
    void refusesAnUnterminatedOrNonAsciiName() {
        byte[] unterminated = PadConf.write("X", 120, Map.of());
        Arrays.fill(unterminated, 0x81, 0x81 + 32, (byte) 'N');
        assertThatThrownBy(() -> PadConf.read(unterminated)).hasMessageContaining("project name at 0x81 is not null-terminated within 32 bytes");

        byte[] binary = PadConf.write("X", 120, Map.of());
        binary[0x6C20] = (byte) 0xC3;
        assertThatThrownBy(() -> PadConf.read(binary)).hasMessageContaining("pad A1's file name at 0x6C20 has the non-ASCII byte 0xC3");
    }
}
