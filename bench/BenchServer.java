import dev.deployverify.reference.muejam.MuejamReference;
import dev.deployverify.reference.support.Faults;

import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's target: the healthy MueJam reference (Javalin on loopback), in a JVM of its own so the load
 * engine's CPU is measured without the server's. Prints its URL, then serves until killed.
 */
public class BenchServer {
    public static void main(String[] args) throws InterruptedException {
        MuejamReference reference = new MuejamReference(new Faults(Set.of()), "blue", MuejamReference.newTestSecret(), "bench-moderator");
        System.out.println(reference.url());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
