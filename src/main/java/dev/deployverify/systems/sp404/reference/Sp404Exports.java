package dev.deployverify.systems.sp404.reference;

import dev.deployverify.audio.PadConf;
import dev.deployverify.audio.Wav;
import dev.deployverify.reference.Faults;
import dev.deployverify.systems.sp404.Sp404Fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds what the sampler loads: a project zip (PADCONF.BIN, PROJECT_INFO.txt, samples/*.wav at 48 kHz 16-bit) and
 * single-sample exports. The export faults are applied here, each the kind of bug a real exporter has.
 */
final class Sp404Exports {

    /** One assigned pad: its index (bank A pad 1 = 0) and the uploaded audio. */
    record Pad(int index, String title, byte[] audio) {
    }

    private final Faults<Sp404Fault> faults;

    Sp404Exports(Faults<Sp404Fault> faults) {
        this.faults = faults;
    }

    /** The project zip for these pads (sorted by pad). */
    byte[] project(String projectName, double bpm, TreeMap<Integer, Pad> pads) {
        Map<Integer, String> fileNames = new LinkedHashMap<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        pads.forEach((index, pad) -> {
            String name = fileName(index, pad.title());
            // padconf-wrong-pad-names: the 1-based pad number used as a 0-based slot, so every name lands one pad late.
            fileNames.put(faults.has(Sp404Fault.PADCONF_WRONG_PAD_NAMES) ? index + 1 : index, name);
            files.put("samples/" + name, converted(pad.audio()));
        });
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("PADCONF.BIN", padConf(projectName, bpm, fileNames));
        entries.put("PROJECT_INFO.txt", projectInfo(projectName, bpm, pads, fileNames).getBytes(StandardCharsets.UTF_8));
        entries.putAll(files);
        if (faults.has(Sp404Fault.ZIP_MISSING_FILES)) {
            entries.remove("PROJECT_INFO.txt");
            entries.remove("samples/" + fileName(pads.lastKey(), pads.lastEntry().getValue().title()));
        }
        return zip(entries);
    }

    /** A single sample, converted for the SP-404, in a zip ("flat": no folders). */
    byte[] sample(String title, byte[] audio) {
        return zip(Map.of(safe(title, 40) + ".wav", converted(audio)));
    }

    private byte[] padConf(String projectName, double bpm, Map<Integer, String> fileNames) {
        byte[] bytes = PadConf.write(projectName, bpm, fileNames);
        if (faults.has(Sp404Fault.PADCONF_WRONG_BPM)) {
            // Written little-endian: 120.00 BPM (0x2EE0) is read back by the sampler as 573.90.
            byte high = bytes[PadConf.BPM_OFFSET];
            bytes[PadConf.BPM_OFFSET] = bytes[PadConf.BPM_OFFSET + 1];
            bytes[PadConf.BPM_OFFSET + 1] = high;
        }
        if (faults.has(Sp404Fault.PADCONF_WRONG_NAME)) {
            // Written one byte early (0x80): the sampler reads the name without its first character.
            byte[] name = Arrays.copyOfRange(bytes, PadConf.NAME_OFFSET, PadConf.NAME_OFFSET + PadConf.NAME_MAX + 1);
            Arrays.fill(bytes, PadConf.NAME_OFFSET, PadConf.NAME_OFFSET + PadConf.NAME_MAX + 1, (byte) 0);
            System.arraycopy(name, 0, bytes, PadConf.NAME_OFFSET - 1, name.length);
        }
        if (faults.has(Sp404Fault.PADCONF_WRONG_SIZE)) {
            bytes = Arrays.copyOf(bytes, 51_200);
        }
        return bytes;
    }

    private byte[] converted(byte[] audio) {
        // samples-not-48k: the upload is copied as it came (e.g. 44.1 kHz) instead of being converted.
        return faults.has(Sp404Fault.SAMPLES_NOT_48K) ? audio : Sp404Audio.toSp404Wav(Wav.parse(audio));
    }

    private static String projectInfo(String projectName, double bpm, Map<Integer, Pad> pads, Map<Integer, String> fileNames) {
        StringBuilder text = new StringBuilder("SP-404MK2 project: " + projectName + "\nBPM: " + String.format("%.2f", bpm)
                + "\nSamples: " + pads.size() + "\nFormat: WAV 48000 Hz 16-bit\n\nPads:\n");
        pads.forEach((index, pad) -> text.append(PadConf.padLabel(index)).append(": ").append(fileName(index, pad.title()))
                .append(" (").append(pad.title()).append(")\n"));
        return text.toString();
    }

    /** "A01_kick-loop.wav": the pad, then the title, within the 23 characters a pad name slot holds. */
    static String fileName(int index, String title) {
        String label = PadConf.padLabel(index);
        String pad = label.charAt(0) + String.format("%02d", Integer.parseInt(label.substring(1)));
        return pad + "_" + safe(title, PadConf.PAD_NAME_MAX - pad.length() - 1 - ".wav".length()) + ".wav";
    }

    private static String safe(String title, int max) {
        String safe = title.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        safe = safe.isEmpty() ? "sample" : safe;
        return safe.length() > max ? safe.substring(0, max) : safe;
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
