package dev.deployverify.audio;

/** A metronome: short decaying clicks at a tempo. The simplest audio whose tempo is known exactly. */
public final class ClickTrack {

    private ClickTrack() {
    }

    /** Mono samples at {@code sampleRate}: a 10 ms, 1 kHz decaying click on every beat, silence between. */
    public static double[] samples(double bpm, double seconds, int sampleRate) {
        int total = (int) Math.round(seconds * sampleRate);
        double[] samples = new double[total];
        double beatFrames = sampleRate * 60.0 / bpm;
        int clickFrames = sampleRate / 100;
        for (double beat = 0; beat < total; beat += beatFrames) {
            int start = (int) Math.round(beat);
            for (int i = 0; i < clickFrames && start + i < total; i++) {
                double decay = 1.0 - (double) i / clickFrames;
                samples[start + i] = 0.8 * decay * Math.sin(2 * Math.PI * 1000 * i / sampleRate);
            }
        }
        return samples;
    }

    /** The same as a 16-bit mono PCM WAV file. */
    public static byte[] wav(double bpm, double seconds, int sampleRate) {
        return Wav.pcm16Mono(samples(bpm, seconds, sampleRate), sampleRate);
    }
}
