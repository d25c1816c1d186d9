package dev.deployverify.systems.wcagaii.reference;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a URL the scanner is asked to fetch is safe: http(s) only, and the address the host really stands
 * for (every numeric spelling the OS resolver accepts, IPv6 and IPv4-mapped forms, names) must be public.
 * With {@code naiveNumericCheck} (a fault) it only recognises dotted-quad addresses, so decimal, hex, octal and
 * short forms of loopback slip through, as they do past many hand-written blocklists.
 */
final class SsrfGuard {

    /** Stand-in for public DNS (the machine has none): names the stand-in knows and their addresses. */
    private static final Map<String, String> DNS = Map.of("localhost", "127.0.0.1", "localtest.me", "127.0.0.1");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final boolean naiveNumericCheck;

    SsrfGuard(boolean naiveNumericCheck) {
        this.naiveNumericCheck = naiveNumericCheck;
    }

    /** Why the URL must not be fetched, or empty when it may be. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("scheme '" + scheme + "' is not allowed");
        }
        String host = hostOf(uri);
        if (host == null) {
            return Optional.of("no host");
        }
        if (naiveNumericCheck && !host.startsWith("[") && !DOTTED_QUAD.matcher(host).matches() && !DNS.containsKey(host)) {
            return Optional.empty(); // the fault: anything that does not look like a dotted quad or a known name passes
        }
        InetAddress address = resolve(host).orElse(null);
        if (address == null) {
            return Optional.empty(); // a public name; fetching it will tell
        }
        return internal(address) ? Optional.of("host " + host + " is an internal address (" + address.getHostAddress() + ")") : Optional.empty();
    }

    /**
     * The host as a resolver would see it. {@link URI#getHost()} is null for numeric spellings like 2130706433 or
     * 0x7f000001 (not valid host names to java.net.URI), so those are read from the authority.
     */
    static String hostOf(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return null;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostAndPort.lastIndexOf(':');
        return colon > 0 && !hostAndPort.endsWith("]") ? hostAndPort.substring(0, colon) : hostAndPort;
    }

    /**
     * The address a host stands for, without DNS for literals: inet_aton's numeric forms (1 to 4 parts, each
     * decimal, 0x hex or 0 octal), IPv6 literals, then the known names. Empty for a name not known here.
     */
    static Optional<InetAddress> resolve(String host) {
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                return Optional.of(InetAddress.getByName(host.substring(1, host.length() - 1)));
            }
            Optional<byte[]> numeric = inetAton(host);
            if (numeric.isPresent()) {
                return Optional.of(InetAddress.getByAddress(numeric.get()));
            }
            String known = DNS.get(host.toLowerCase(Locale.ROOT));
            return known == null ? Optional.empty() : Optional.of(InetAddress.getByName(known));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> inetAton(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].toLowerCase(Locale.ROOT);
            try {
                if (p.startsWith("0x")) {
                    values[i] = Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[values.length - 1];
        if (last >= 1L << (8 * (4 - (values.length - 1)))) {
            return Optional.empty();
        }
        address |= last;
        return Optional.of(new byte[]{(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address});
    }

    private static boolean internal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            return uniqueLocal || v6.isLoopbackAddress() || v6.isAnyLocalAddress() || v6.isLinkLocalAddress() || v6.isSiteLocalAddress();
        }
        Inet4Address v4 = (Inet4Address) address;
        byte[] b = v4.getAddress();
        boolean carrierNat = (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return v4.isLoopbackAddress() || v4.isAnyLocalAddress() || v4.isLinkLocalAddress() || v4.isSiteLocalAddress()
                || carrierNat || (b[0] & 0xff) == 0;
    }
}
