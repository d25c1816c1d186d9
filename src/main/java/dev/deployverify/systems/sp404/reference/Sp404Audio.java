package dev.deployverify.systems.sp404.reference;

import dev.deployverify.audio.Tempo;
import dev.deployverify.audio.Wav;

import java.util.OptionalDouble;

/**
 * The stand-in's audio processing, standing in for librosa: tempo from onsets ({@link Tempo}), a key estimate, and
 * the conversion to the SP-404's 48 kHz 16-bit PCM.
 */
final class Sp404Audio {

    static final int SP404_SAMPLE_RATE = 48_000;

    private static final String[] NOTES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

    private Sp404Audio() {
    }

    /** The audio's tempo, rounded to 0.1 BPM; empty when there is no discernible beat. */
    static OptionalDouble bpm(Wav wav) {
        OptionalDouble bpm = Tempo.estimateBpm(wav.samples(), wav.sampleRate());
        return bpm.isPresent() ? OptionalDouble.of(Math.round(bpm.getAsDouble() * 10) / 10.0) : bpm;
    }

    /**
     * A deterministic key estimate: the energy of every semitone from C3 to B6 (Goertzel filters over the first
     * eight seconds) summed per pitch class; the strongest class is the tonic, and the mode is major when its major
     * third carries more energy than its minor third. A 1 kHz click track comes out as "B major" (1 kHz is 21 cents
     * above B5). Good enough for a stand-in; librosa's chroma-based estimate is what the real service uses.
     */
    static String key(Wav wav) {
        double[] samples = wav.samples();
        int length = Math.min(samples.length, wav.sampleRate() * 8);
        double[] chroma = new double[12];
        for (int midi = 48; midi < 96; midi++) {
            double frequency = 440 * Math.pow(2, (midi - 69) / 12.0);
            chroma[midi % 12] += goertzelPower(samples, length, frequency, wav.sampleRate());
        }
        int tonic = 0;
        for (int pitch = 1; pitch < 12; pitch++) {
            if (chroma[pitch] > chroma[tonic]) {
                tonic = pitch;
            }
        }
        boolean major = chroma[(tonic + 4) % 12] >= chroma[(tonic + 3) % 12];
        return NOTES[tonic] + (major ? " major" : " minor");
    }

    /** The first channel resampled (linear interpolation) to 48 kHz and written as 16-bit mono PCM. */
    static byte[] toSp404Wav(Wav wav) {
        double[] in = wav.samples();
        if (wav.sampleRate() == SP404_SAMPLE_RATE) {
            return Wav.pcm16Mono(in, SP404_SAMPLE_RATE);
        }
        int outLength = (int) Math.round((double) in.length * SP404_SAMPLE_RATE / wav.sampleRate());
        double[] out = new double[outLength];
        double step = (double) wav.sampleRate() / SP404_SAMPLE_RATE;
        for (int i = 0; i < outLength; i++) {
            double position = i * step;
            int left = (int) position;
            double fraction = position - left;
            double a = left < in.length ? in[left] : 0;
            double b = left + 1 < in.length ? in[left + 1] : a;
            out[i] = a + (b - a) * fraction;
        }
        return Wav.pcm16Mono(out, SP404_SAMPLE_RATE);
    }

    private static double goertzelPower(double[] samples, int length, double frequency, int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = 0; i < length; i++) {
            double current = samples[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }
}
