package dev.kaigi.integration.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses a webhook may reach (HOOK-04): not this machine, not the networks beside it and not a cloud's
 * metadata service, so a subscription cannot aim the service at what only it can reach (SSRF). Refused: unspecified,
 * loopback, private (RFC 1918, carrier-grade NAT, IPv6 unique local), link-local (with 169.254.169.254 and
 * fd00:ec2::254, the metadata services), multicast, broadcast and IPv4 addresses mapped or embedded in IPv6 ones;
 * unless the deployment allows private targets, or the address is in an allowed network.
 */
final class AddressRules {

    private final boolean allowPrivate;
    private final List<Cidr> allowedNetworks;

    AddressRules(boolean allowPrivate, List<String> allowedNetworks) {
        this.allowPrivate = allowPrivate;
        this.allowedNetworks = allowedNetworks.stream().map(Cidr::parse).toList();
    }

    boolean allowed(InetAddress address) {
        return allowPrivate || isPublic(address) || allowedNetworks.stream().anyMatch(n -> n.contains(address));
    }

    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                return isPublic(embedded);
            }
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            return !(v6.isAnyLocalAddress() || v6.isLoopbackAddress() || v6.isLinkLocalAddress() || v6.isSiteLocalAddress()
                    || v6.isMulticastAddress() || uniqueLocal);
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        boolean thisNetwork = first == 0;
        boolean carrierGradeNat = first == 100 && second >= 64 && second <= 127;
        boolean benchmarking = first == 198 && (second == 18 || second == 19);
        boolean reserved = first >= 240;
        return !(thisNetwork || address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || carrierGradeNat || benchmarking || reserved);
    }

    /** The IPv4 address in an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible or NAT64 IPv6 address; null otherwise. */
    private static InetAddress embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (!(mapped || compatible || nat64)) {
            return null;
        }
        try {
            return Inet4Address.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String cidr) {
            String[] parts = cidr.trim().split("/");
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("kaigi.webhooks.allowed-private-networks: not a CIDR: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
