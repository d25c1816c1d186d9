package dev.deployverify.evidence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The commit of the suite that ran, for the evidence: read from the suite's own checkout, wherever the environment file lives. */
public final class SuiteCommit {

    private SuiteCommit() {
    }

    /** e.g. "0d28fae", "0d28fae (with uncommitted changes)", or "unknown" outside a git checkout. */
    public static String of(Path suiteDir) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(suiteDir.toFile())
                    .redirectErrorStream(true).start();
            if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0) {
                String commit = new String(git.getInputStream().readAllBytes()).trim();
                Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                        .directory(suiteDir.toFile()).redirectErrorStream(true).start();
                boolean dirty = status.waitFor(5, TimeUnit.SECONDS) && status.getInputStream().readAllBytes().length > 0;
                return commit + (dirty ? " (with uncommitted changes)" : "");
            }
            git.destroyForcibly();
            return "unknown (" + suiteDir + " is not a git checkout)";
        } catch (IOException e) {
            return "unknown (git not available)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
