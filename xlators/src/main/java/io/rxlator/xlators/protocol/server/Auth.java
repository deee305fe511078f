package io.rxlator.xlators.protocol.server;

import io.rxlator.runtime.internal.Glob;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GlusterFS's two authentication modules for a subvolume: {@code auth.addr.SUBVOL.allow} /
 * {@code .reject} (addresses, wildcards, {@code *}, a.b.c.d/n networks; a rejection wins) and
 * {@code auth.login.SUBVOL.allow} (user names) with {@code auth.login.USER.password}. When
 * logins are configured for a subvolume, a client must give one of them; its address must
 * still not be rejected. With neither module configured for a subvolume nobody gets in.
 */
final class Auth {

    private final Map<String, List<String>> allow;
    private final Map<String, List<String>> reject;
    private final Map<String, String> loginAllow;
    private final Map<String, String> passwords;

    Auth(Map<String, List<String>> allow, Map<String, List<String>> reject, Map<String, String> loginAllow,
            Map<String, String> passwords) {
        this.allow = allow;
        this.reject = reject;
        this.loginAllow = loginAllow;
        this.passwords = passwords;
    }

    /** Null when the client may use {@code subvolume}, else why not. */
    @Nullable String refuse(String subvolume, InetAddress from, @Nullable String user, @Nullable String password) {
        String addr = from.getHostAddress();
        List<String> rej = reject.get("auth.addr." + subvolume + ".reject");
        if (rej != null && matchesAny(rej, from)) {
            return "address " + addr + " is rejected by auth.addr." + subvolume + ".reject";
        }
        String users = loginAllow.get("auth.login." + subvolume + ".allow");
        if (users != null) {
            if (user == null) {
                return "subvolume '" + subvolume + "' needs a username and password (auth.login." + subvolume + ".allow)";
            }
            boolean listed = false;
            for (String u : users.split(",")) {
                listed |= u.trim().equals(user);
            }
            String expected = passwords.get("auth.login." + user + ".password");
            if (!listed || expected == null || !constantTimeEquals(expected, password == null ? "" : password)) {
                return "login '" + user + "' is not allowed on '" + subvolume + "' or the password is wrong";
            }
            return null;
        }
        List<String> ok = allow.get("auth.addr." + subvolume + ".allow");
        if (ok == null) {
            return "no auth.addr." + subvolume + ".allow or auth.login." + subvolume + ".allow option lets anyone in";
        }
        return matchesAny(ok, from) ? null : "address " + addr + " is not in auth.addr." + subvolume + ".allow";
    }

    static boolean matchesAny(List<String> patterns, InetAddress from) {
        for (String p : patterns) {
            if (matches(p.trim(), from)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, InetAddress from) {
        if (pattern.equals("*")) {
            return true;
        }
        String addr = from.getHostAddress();
        int slash = pattern.indexOf('/');
        if (slash > 0) {
            try {
                byte[] net = resolve(pattern.substring(0, slash))[0].getAddress();
                int bits = Integer.parseInt(pattern.substring(slash + 1));
                byte[] a = from.getAddress();
                if (net.length != a.length || bits < 0 || bits > a.length * 8) {
                    return false;
                }
                for (int i = 0; i < bits; i++) {
                    int mask = 0x80 >>> (i % 8);
                    if ((net[i / 8] & mask) != (a[i / 8] & mask)) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException | NumberFormatException e) {
                return false;
            }
        }
        if (Glob.isPattern(pattern)) {
            return Glob.matches(pattern, addr);
        }
        if (pattern.equals(addr)) {
            return true;
        }
        // A host name: what it resolves to.
        try {
            for (InetAddress a : resolve(pattern)) {
                if (a.equals(from)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    /** The addresses of {@code host}: a lookup that can block, so never made on an event loop. */
    static InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
