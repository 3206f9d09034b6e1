package dev.tminus.comms;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where webhooks may post: public addresses only, unless allowed. Loopback, private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10, which holds
 * the cloud metadata service), carrier-grade NAT (100.64/10), "this network" (0/8),
 * multicast and broadcast addresses are refused by default, so that an admin account (or
 * whoever has one) cannot make T-Minus reach into the network it runs in and read the
 * answers in the delivery log. Checked when an endpoint is saved and again before every
 * post, after resolving the host, so a name that later resolves inside is refused too.
 * {@code tminus.webhooks.allowed-targets} lists addresses or CIDR ranges that are allowed
 * anyway (a receiver on the same host or network).
 */
public final class WebhookTargets {

	private final List<Cidr> allowed;

	public WebhookTargets(List<String> allowedTargets) {
		List<Cidr> ranges = new ArrayList<>();
		for (String target : (allowedTargets != null) ? allowedTargets : List.<String>of()) {
			if (target != null && !target.isBlank()) {
				ranges.add(Cidr.parse(target.strip()));
			}
		}
		this.allowed = List.copyOf(ranges);
	}

	/** Why T-Minus will not post to this URL's host, or empty when it may. */
	public Optional<String> refusal(URI url) {
		String host = url.getHost();
		if (host == null || host.isEmpty()) {
			return Optional.of("the URL has no host");
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
		}
		catch (UnknownHostException ex) {
			// nothing to reach (yet): a post fails as unreachable, and is checked again
			// then
			return Optional.empty();
		}
		for (InetAddress address : addresses) {
			String kind = internal(address);
			if (kind != null && this.allowed.stream().noneMatch((range) -> range.contains(address))) {
				return Optional.of(host + " resolves to " + address.getHostAddress() + ", a " + kind
						+ " address; webhooks only go to public addresses unless tminus.webhooks.allowed-targets lists it");
			}
		}
		return Optional.empty();
	}

	/** What kind of internal address this is, or {@code null} for a public one. */
	static String internal(InetAddress address) {
		if (address instanceof Inet6Address six) {
			byte[] b = six.getAddress();
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= b[i] == 0;
			}
			if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
				try {
					return internal(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
				}
				catch (UnknownHostException ex) {
					return "malformed";
				}
			}
			if ((b[0] & 0xfe) == 0xfc) {
				return "private (unique local)";
			}
		}
		if (address.isLoopbackAddress()) {
			return "loopback";
		}
		if (address.isAnyLocalAddress()) {
			return "unspecified";
		}
		if (address.isLinkLocalAddress()) {
			return "link-local (cloud metadata)";
		}
		if (address.isSiteLocalAddress()) {
			return "private";
		}
		if (address.isMulticastAddress()) {
			return "multicast";
		}
		if (address instanceof Inet4Address) {
			byte[] b = address.getAddress();
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			if (first == 0) {
				return "\"this network\"";
			}
			if (first == 100 && second >= 64 && second <= 127) {
				return "carrier-grade NAT";
			}
			if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
				return "IETF protocol";
			}
			if (first >= 240) {
				return "reserved or broadcast";
			}
		}
		return null;
	}

	/** An address or a CIDR range. */
	record Cidr(byte[] network, int bits) {

		static Cidr parse(String text) {
			String[] parts = text.split("/", 2);
			try {
				byte[] address = InetAddress.getByName(parts[0]).getAddress();
				int bits = (parts.length == 2) ? Integer.parseInt(parts[1]) : address.length * 8;
				if (bits < 0 || bits > address.length * 8) {
					throw new IllegalArgumentException("tminus.webhooks.allowed-targets: bad prefix in " + text);
				}
				return new Cidr(address, bits);
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalArgumentException(
						"tminus.webhooks.allowed-targets takes addresses or CIDR ranges, not " + text, ex);
			}
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			for (int bit = 0; bit < this.bits; bit++) {
				int mask = 0x80 >> (bit % 8);
				if ((candidate[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
