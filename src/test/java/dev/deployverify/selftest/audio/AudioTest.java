package dev.deployverify.selftest.audio;

import dev.deployverify.audio.ClickTrack;
import dev.deployverify.audio.Tempo;
import dev.deployverify.audio.Wav;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudioTest {

    @Test
    void writesTheCanonicalPcmHeaderByteForByte() {
        byte[] wav = Wav.pcm16Mono(new double[]{0, 1, -1}, 48_000);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).as("RIFF size").isEqualTo(36 + 6);
        assertThat(new String(wav, 8, 8)).isEqualTo("WAVEfmt ");
        assertThat(b.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(b.getInt(24)).as("sample rate at 24").isEqualTo(48_000);
        assertThat(b.getShort(34)).as("bits at 34").isEqualTo((short) 16);
        assertThat(new String(wav, 36, 4)).isEqualTo("data");
        assertThat(b.getInt(40)).as("data size").isEqualTo(6);
        assertThat(b.getShort(44 + 2)).as("full scale, little-endian").isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void readsWhatItWritesSkippingUnknownChunks() {
        byte[] plain = ClickTrack.wav(120, 2, 48_000);
        byte[] withList = new byte[plain.length + 12];
        System.arraycopy(plain, 0, withList, 0, 12);
        ByteBuffer.wrap(withList, 12, 12).order(ByteOrder.LITTLE_ENDIAN).put("LIST".getBytes()).putInt(4).put("INFO".getBytes());
        System.arraycopy(plain, 12, withList, 24, plain.length - 12);

        Wav wav = Wav.parse(withList);

        assertThat(wav.sampleRate()).isEqualTo(48_000);
        assertThat(wav.bitsPerSample()).isEqualTo(16);
        assertThat(wav.channels()).isEqualTo(1);
        assertThat(wav.durationSeconds()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void rejectsWhatIsNotAWavWithTheReason() {
        assertThatThrownBy(() -> Wav.parse("<html>error</html>".getBytes()))
                .isInstanceOf(Wav.FormatException.class).hasMessageContaining("not 'RIFF....WAVE'");
        assertThatThrownBy(() -> Wav.parse(new byte[3])).hasMessageContaining("too short");
        byte[] truncated = Arrays.copyOf(ClickTrack.wav(120, 1, 8000), 36);
        assertThatThrownBy(() -> Wav.parse(truncated)).hasMessageContaining("no data chunk");
    }

    @ParameterizedTest
    @ValueSource(doubles = {60, 90, 120, 140, 174, 200})
    void estimatesTheTempoOfAClickTrackWithinOneBpm(double bpm) {
        double[] samples = ClickTrack.samples(bpm, 8, 48_000);

        assertThat(Tempo.estimateBpm(samples, 48_000)).hasValueCloseTo(bpm, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void silenceHasNoTempo() {
        assertThat(Tempo.estimateBpm(new double[48_000 * 2], 48_000)).isEmpty();
    }
}
