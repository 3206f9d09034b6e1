package dev.tminus.shared.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OS account the embedded PostgreSQL runs under. PostgreSQL refuses to run as root,
 * and a server running as root (even inside a user namespace, where it only looks like
 * {@code nobody}) would let whoever reaches it as superuser act as root on the machine.
 * So: when the app itself runs as root, the server runs as a dedicated system account
 * (created on first use, no login shell, no home); otherwise as the app's own user.
 *
 * @param name the account's name
 * @param uid its numeric user id
 * @param gid its primary group id
 * @param switchUser whether commands must switch to it (the app runs as root)
 */
record ServerAccount(String name, int uid, int gid, boolean switchUser) {

	/** The account for a server started by this JVM. */
	static ServerAccount forServer(String dedicatedName) {
		int uid = currentUid();
		if (uid != 0) {
			return new ServerAccount(System.getProperty("user.name"), uid, -1, false);
		}
		if (!dedicatedName.matches("[a-z_][a-z0-9_-]{0,31}")) {
			throw new IllegalArgumentException("tminus.embedded-db.os-user must be a plain account name");
		}
		if (run(List.of("getent", "passwd", dedicatedName)).exit() != 0) {
			Result created = run(
					List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
							"--shell", "/usr/sbin/nologin", "--comment", "T-Minus embedded PostgreSQL", dedicatedName));
			if (created.exit() != 0 && run(List.of("getent", "passwd", dedicatedName)).exit() != 0) {
				throw new IllegalStateException("The app runs as root, so the embedded PostgreSQL must run as another "
						+ "account, and creating the account '" + dedicatedName + "' failed: " + created.output()
						+ " Create it yourself (useradd --system " + dedicatedName
						+ ") or run T-Minus as an unprivileged user.");
			}
		}
		int id = Integer.parseInt(run(List.of("id", "-u", dedicatedName)).output().strip());
		int group = Integer.parseInt(run(List.of("id", "-g", dedicatedName)).output().strip());
		if (id == 0) {
			throw new IllegalStateException("tminus.embedded-db.os-user '" + dedicatedName + "' is root");
		}
		return new ServerAccount(dedicatedName, id, group, true);
	}

	static int currentUid() {
		try {
			return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
		}
		catch (IOException | UnsupportedOperationException ex) {
			return -1;
		}
	}

	/** The command line that runs {@code command} under this account. */
	List<String> command(List<String> command) {
		if (!this.switchUser) {
			return command;
		}
		List<String> switched = new ArrayList<>(
				List.of("setpriv", "--reuid=" + this.uid, "--regid=" + this.gid, "--init-groups", "--"));
		switched.addAll(command);
		return switched;
	}

	/** Gives the account a file or folder the app (as root) created for it. */
	void own(Path path) throws IOException {
		if (this.switchUser) {
			Files.setAttribute(path, "unix:uid", this.uid);
			Files.setAttribute(path, "unix:gid", this.gid);
		}
	}

	/**
	 * Every file under {@code folder} (which it does not own yet) becomes the account's.
	 */
	void ownTree(Path folder) throws IOException {
		if (!this.switchUser) {
			return;
		}
		Result result = run(List.of("chown", "-R", this.uid + ":" + this.gid, folder.toString()));
		if (result.exit() != 0) {
			throw new IOException("Could not give " + folder + " to " + this.name + ": " + result.output());
		}
	}

	static Result run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Result(-1, output + " (timed out)");
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			return new Result(-1, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(-1, "interrupted");
		}
	}

	record Result(int exit, String output) {
	}

}
