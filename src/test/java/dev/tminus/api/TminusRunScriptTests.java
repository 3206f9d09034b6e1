package dev.tminus.api;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestHttp;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config/scripts/tminus-run.sh} against the running application, as a deploy
 * pipeline would use it: a command that exits 1 and one that exits 0, and the board shows
 * FAIL and PASS with their logs as evidence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class TminusRunScriptTests {

	static final File SCRIPT = new File("config/scripts/tminus-run.sh");

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	ApiTokenService tokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFailingAndAPassingCommandShowOnTheBoardWithTheirLogsAsEvidence() throws Exception {
		Rehearsal room = this.cutovers.e23();
		String token = this.tokens
			.create("pipeline", 1, List.of(ApiScope.values()), this.cutovers.user(room.operator()))
			.token();
		String id = String.valueOf(room.cutoverId());

		Run failed = run(token, "--cutover", id, "--gate", "MIGRATION", "--exit-measure", "ALEMBIC_EXIT_CODE", "--log",
				"02_alembic_upgrade.log", "--", "bash", "-c",
				"echo 'alembic: FAILED: revision 7f3a not found'; exit 1");
		assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
		assertThat(failed.output()).contains("alembic: FAILED", "recorded FAIL (exit code 1)");

		Run passed = run(token, "--cutover", id, "--step", "FIXED_INPUTS", "--", "bash", "-c",
				"echo 'RUN_ID=e2-3-42 fixed'; exit 0");
		assertThat(passed.exitCode()).as(passed.output()).isZero();

		TestHttp http = new TestHttp(this.port);
		String session = http.signIn(room.ic().username());
		String board = http.get("/cutovers/" + id, session).body();
		assertThat(board).contains("data-step=\"FIXED_INPUTS\" data-status=\"PASS\"");
		String gates = http.get("/cutovers/" + id + "/gates", session).body();
		assertThat(gates).contains("data-gate=\"MIGRATION\" data-status=\"FAIL\"", "02_alembic_upgrade.log");
		// a step that asks for no evidence shows its log in the record
		assertThat(http.get("/audit/cutovers/" + id, session).body()).contains("FIXED_INPUTS.log",
				"02_alembic_upgrade.log");
		Map<String, Object> evidence = this.jdbc.sql("""
				select e.command, e.exit_code, e.result, e.owner_label, convert_from(b.content, 'UTF8') as log
				  from evidence e join evidence_blob b on b.evidence_id = e.id
				 where e.cutover_id = ? and e.gate_key = 'MIGRATION'""").param(room.cutoverId()).query().singleRow();
		assertThat(evidence).containsEntry("exit_code", 1).containsEntry("result", "FAIL");
		assertThat((String) evidence.get("command")).contains("bash -c");
		assertThat((String) evidence.get("log")).contains("revision 7f3a not found");
		assertThat(
				this.jdbc.sql("select measured::text from gate_result where cutover_id = ? and gate_key = 'MIGRATION'")
					.param(room.cutoverId())
					.query(String.class)
					.single())
			.contains("\"ALEMBIC_EXIT_CODE\": \"1\"");
	}

	@Test
	void aRefusedResultIsReportedAndTheScriptExits3() throws Exception {
		Rehearsal room = this.cutovers.e23();
		String readOnly = this.tokens
			.create("reader", 1, List.of(ApiScope.CUTOVER_READ), this.cutovers.user(room.operator()))
			.token();
		Run refused = run(readOnly, "--cutover", String.valueOf(room.cutoverId()), "--step", "FIXED_INPUTS", "--",
				"true");
		assertThat(refused.exitCode()).isEqualTo(3);
		assertThat(refused.output()).contains("HTTP 403", "lacks the scope");
		assertThat(this.cutovers.status(room.cutoverId(), "FIXED_INPUTS")).isEqualTo("PENDING");
	}

	private Run run(String token, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", SCRIPT.getPath()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("TMINUS_URL", "http://localhost:" + this.port);
		builder.environment().put("TMINUS_TOKEN", token);
		builder.environment().put("USER", "pipeline");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), output);
	}

	record Run(int exitCode, String output) {
	}

}
