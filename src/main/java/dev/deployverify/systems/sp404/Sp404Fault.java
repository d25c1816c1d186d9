package dev.deployverify.systems.sp404;

import dev.deployverify.systems.Fault;
import dev.deployverify.systems.FaultSpec;
import dev.deployverify.systems.sp404.checks.Sp404Checks;

import java.util.List;

import static dev.deployverify.systems.FaultSpec.*;

/**
 * Every fault the Sp404 stand-in can be started with: what kind of bad deploy it stands for, what breaks, the
 * checklist items it violates, and the checks that must go red (and no other) when it is on.
 */
public enum Sp404Fault implements Fault {

    ANALYSIS_WRONG_BPM(contract("analysis stores twice the audio's tempo (a 120 BPM loop is listed at 240)")
            .violates("SP404-16.2")
            .caughtBy(Sp404Checks.AUDIO,
                    "Audio features extracted (BPM, key)")),
    HEALTH_DOWN(availability("GET /health answers 503 (status unhealthy)")
            .violates("SP404-15.1", "SP404-12.4", "SP404-13.3")
            .caughtBy(Sp404Checks.API,
                    "GET /health returns 200")),
    COLLECTION_ADD_IGNORED(flow("POST /api/v1/collections/{id}/samples answers a count but adds nothing (sample_count stays 0)")
            .violates("SP404-17.2")
            .caughtBy(Sp404Checks.INTEGRATION,
                    "Add samples to collection")),
    SLOW_HOME_PAGE(performance("every 5th request for the home page's script takes 2.1 s")
            .violates("SP404-18.1")
            .caughtBy(Sp404Checks.PERFORMANCE,
                    "Homepage loads < 2 seconds")),
    SAMPLES_NOT_48K(contract("exported samples are copied as uploaded (44.1 kHz) instead of converted to 48 kHz 16-bit")
            .violates("SP404-16.6", "SP404-17.5")
            .caughtBy(List.of(Sp404Checks.INTEGRATION, Sp404Checks.AUDIO),
                    "Download project files: every sample in the zip is a 48 kHz 16-bit WAV",
                    "Export to SP-404 format works")),
    KIT_ASSIGN_IGNORED(flow("POST /api/v1/kits/{id}/assign answers 201 but the pad stays empty")
            .violates("SP404-17.3")
            .caughtBy(Sp404Checks.INTEGRATION,
                    "Build kit from collection")),
    ZIP_MISSING_FILES(contract("the project zip lacks PROJECT_INFO.txt and the last pad's sample file")
            .violates("SP404-17.5", "SP404-17.6")
            .caughtBy(Sp404Checks.INTEGRATION,
                    "Download project files: a zip with PADCONF.BIN",
                    "Verify PADCONF.BIN format: the pad file names")),
    PADCONF_WRONG_PAD_NAMES(contract("PADCONF.BIN names every pad's file one pad late (A1 empty, A2 names A1's file)")
            .violates("SP404-17.6")
            .caughtBy(Sp404Checks.INTEGRATION,
                    "Verify PADCONF.BIN format: the pad file names")),
    PADCONF_WRONG_BPM(contract("PADCONF.BIN holds the project BPM little-endian (120 BPM reads as 573.90)")
            .violates("SP404-17.6")
            .caughtBy(Sp404Checks.INTEGRATION,
                    "Verify PADCONF.BIN format: project tempo mode")),
    PROJECT_EXPORT_FAILS(flow("POST /api/v1/projects/from-kit/{id} answers 200 with success false (\"Export worker unavailable\")")
            .violates("SP404-17.4", "SP404-17.5")
            .caughtBy(Sp404Checks.INTEGRATION,
                    "Generate SP-404 project")),
    SLOW_API(performance("every 10th /api request takes 700 ms (p95 over budget)")
            .violates("SP404-18.2", "SP404-30.2")
            .caughtBy(Sp404Checks.PERFORMANCE,
                    "API requests < 500ms")),
    PADCONF_WRONG_NAME(contract("PADCONF.BIN holds the project name one byte early (0x80): it reads without its first character")
            .violates("SP404-17.6")
            .caughtBy(Sp404Checks.INTEGRATION,
                    "Verify PADCONF.BIN format: the project name")),
    PADCONF_WRONG_SIZE(contract("the project's PADCONF.BIN is 51,200 bytes instead of 52,000")
            .violates("SP404-17.6")
            .caughtBy(Sp404Checks.INTEGRATION,
                    "Verify PADCONF.BIN format: the file is exactly 52,000 bytes")),
    WS_CLOSES_EARLY(availability("/ws/vibe/{id} closes (1011) right after its first progress frame")
            .violates("SP404-16.3", "SP404-18.5", "SP404-2.6")
            .caughtBy(List.of(Sp404Checks.AUDIO, Sp404Checks.PERFORMANCE),
                    "AI vibe analysis completes",
                    "WebSocket latency < 200ms")),
    WRONG_PASSWORD_ACCEPTED(security("HTTP Basic login of a known user succeeds whatever the password")
            .violates("SP404-3.3")
            .caughtBy(Sp404Checks.API,
                    "API endpoints respond correctly: login with a wrong password is refused with 401")),
    ANALYSIS_NEVER_COMPLETES(flow("POST /api/v1/samples/{id}/analyze answers 202 but the job never runs: bpm and musical_key stay null")
            .violates("SP404-16.2", "SP404-18.3")
            .caughtBy(List.of(Sp404Checks.AUDIO, Sp404Checks.PERFORMANCE),
                    "Audio features extracted (BPM, key)",
                    "Sample analysis < 10 seconds")),
    UI_SAMPLES_NEVER_RENDER(flow("the samples page reads the list from a field the API does not send: the grid stays empty, silently")
            .violates("SP404-14.3", "SP404-14.4", "SP404-14.5", "SP404-14.6", "SP404-16.4")
            .caughtBy(Sp404Checks.SAMPLES_IN_BROWSER,
                    "Samples page displays samples",
                    "Sample cards render correctly",
                    "Audio preview works",
                    "Search/filter works",
                    "Waveform visualization displays")),
    UI_CONSOLE_ERROR(contract("the settings page throws a TypeError after it rendered: it looks right, the console shows the error")
            .violates("SP404-14.10", "SP404-2.3")
            .caughtBy(Sp404Checks.PAGES_IN_BROWSER,
                    "No console errors")),
    UI_CHUNK_MISSING(availability("the waveform module the app imports on the first preview answers 404")
            .violates("SP404-16.4", "SP404-2.7")
            .caughtBy(Sp404Checks.SAMPLES_IN_BROWSER,
                    "Waveform visualization displays")),
    UI_SEARCH_IGNORED(contract("the search box sends its text as ?q=, which the API ignores: every sample stays listed")
            .violates("SP404-14.6")
            .caughtBy(Sp404Checks.SAMPLES_IN_BROWSER,
                    "Search/filter works")),
    UI_PREVIEW_BROKEN(contract("the preview player points at /files/previews/, which answers 404: the sample never plays")
            .violates("SP404-14.5", "SP404-16.5")
            .caughtBy(Sp404Checks.SAMPLES_IN_BROWSER,
                    "Audio preview works")),
    UI_NOT_RESPONSIVE(contract("the samples grid has six fixed 220 px columns: on a phone the page scrolls sideways")
            .violates("SP404-2.8")
            .caughtBy(Sp404Checks.PAGES_IN_BROWSER,
                    "Mobile responsive")),
    UI_SLOW_RENDER(performance("the app's runtime configuration answers after 2.5 s, and the app renders only once it has "
            + "it (the HTML and its assets stay fast)")
            .violates("SP404-18.1", "SP404-30.1")
            .caughtBy(Sp404Checks.PERFORMANCE,
                    "Homepage renders in a browser")),
    SECURITY_HEADERS_MISSING(security("the proxy's security header block is gone: no Content-Security-Policy, no X-Frame-Options")
            .violates("SP404-7.9")
            .caughtBy(Sp404Checks.SECURITY,
                    "Security headers configured")),
    CORS_ANY_ORIGIN(security("CORS echoes any Origin back with credentials allowed (allow_origin_regex '.*')")
            .violates("SP404-7.4")
            .caughtBy(Sp404Checks.SECURITY,
                    "CORS origins properly configured: a foreign origin is not let in")),
    ASSETS_MISSING(availability("the home page's script, stylesheet and icon answer 404")
            .violates("SP404-2.7", "SP404-13.2", "SP404-14.1", "SP404-18.1")
            .caughtBy(List.of(Sp404Checks.WEB_UI, Sp404Checks.PERFORMANCE),
                    "No broken images or assets",
                    "Homepage loads < 2 seconds",
                    "Homepage renders in a browser"));

    private final FaultSpec spec;

    Sp404Fault(FaultSpec spec) {
        this.spec = spec;
    }

    @Override
    public FaultSpec spec() {
        return spec;
    }
}
