/**
 * What the checks of every system share: the bodies of the checks several systems make (health, latency, load, the
 * edge's headers, TLS), the assertions they make them with ({@link dev.deployverify.verify.Verify}), and the client
 * base each system's client extends. Each system's check is then one line that gives a body its own paths and
 * threshold names.
 */
package dev.deployverify.verify;
