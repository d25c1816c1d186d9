package dev.deployverify.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Estimates the tempo of percussive audio from its samples: onsets are where the short-time energy jumps above a
 * threshold after silence, and the tempo is 60 over the median interval between onsets. Robust for click tracks
 * and drum loops; not a general music tempo tracker.
 */
public final class Tempo {

    private Tempo() {
    }

    /** Beats per minute, or empty when fewer than three onsets are found (no discernible beat). */
    public static OptionalDouble estimateBpm(double[] samples, int sampleRate) {
        List<Integer> onsets = onsets(samples, sampleRate);
        if (onsets.size() < 3) {
            return OptionalDouble.empty();
        }
        double[] intervals = new double[onsets.size() - 1];
        for (int i = 1; i < onsets.size(); i++) {
            intervals[i - 1] = (onsets.get(i) - onsets.get(i - 1)) / (double) sampleRate;
        }
        Arrays.sort(intervals);
        double median = intervals[intervals.length / 2];
        return median <= 0 ? OptionalDouble.empty() : OptionalDouble.of(60.0 / median);
    }

    /** Sample indexes where a new sound starts. */
    static List<Integer> onsets(double[] samples, int sampleRate) {
        int window = Math.max(1, sampleRate / 200); // 5 ms energy windows
        int windows = samples.length / window;
        double[] energy = new double[windows];
        double peak = 0;
        for (int w = 0; w < windows; w++) {
            double sum = 0;
            for (int i = w * window; i < (w + 1) * window; i++) {
                sum += samples[i] * samples[i];
            }
            energy[w] = sum / window;
            peak = Math.max(peak, energy[w]);
        }
        List<Integer> onsets = new ArrayList<>();
        if (peak == 0) {
            return onsets;
        }
        double threshold = peak * 0.1;
        int refractory = Math.max(1, sampleRate / 10 / window); // ignore re-triggers within 100 ms
        int last = -refractory;
        boolean quiet = true;
        for (int w = 0; w < windows; w++) {
            if (energy[w] >= threshold && quiet && w - last >= refractory) {
                onsets.add(w * window);
                last = w;
                quiet = false;
            } else if (energy[w] < threshold * 0.5) {
                quiet = true;
            }
        }
        return onsets;
    }
}
