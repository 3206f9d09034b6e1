package dev.tminus.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class EvidenceTests {

	/**
	 * A Deployer step of seed 001 that asks for evidence is not needed: any step works.
	 */
	static final String STEP = "PRE_ARTIFACTS";

	static final String GATE = "CANARY_MONEY_LOOP";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	EvidenceQueries queries;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anUploadStoresEachFileWithItsSha256SizeAndContract() throws Exception {
		WarRoom room = this.cutovers.goLive();
		byte[] report = "canary PASS\n".getBytes(StandardCharsets.UTF_8);
		byte[] log = new byte[200_000];
		for (int i = 0; i < log.length; i++) {
			log[i] = (byte) i;
		}
		upload(room.cutoverId(), "gates", GATE, room.payments(),
				new MockMultipartFile("files", "canary_report.md", "text/markdown", report),
				new MockMultipartFile("files", "ledger.bin", "application/x-whatever", log))
			.andExpect(status().is3xxRedirection());

		List<Map<String, Object>> rows = this.jdbc
			.sql("select name, sha256, size_bytes, content_type, command, exit_code, result, gate_key, uploaded_by "
					+ "from evidence where cutover_id = ? order by id")
			.param(room.cutoverId())
			.query()
			.listOfRows();
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).containsEntry("name", "canary_report.md")
			.containsEntry("sha256", sha256(report))
			.containsEntry("size_bytes", (long) report.length)
			.containsEntry("content_type", "text/markdown")
			.containsEntry("command", "bash scripts/canary.sh")
			.containsEntry("exit_code", 0)
			.containsEntry("result", "PASS")
			.containsEntry("gate_key", GATE)
			.containsEntry("uploaded_by", room.payments().id());
		assertThat(rows.get(1)).containsEntry("sha256", sha256(log)).containsEntry("size_bytes", (long) log.length);
		assertThat(this.jdbc
			.sql("select count(*) from timeline_entry where cutover_id = ? and kind = 'EVIDENCE' "
					+ "and text like '%' || ? || '%'")
			.params(room.cutoverId(), sha256(report))
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aDownloadIsAnAttachmentThatIsNeverSniffedWithTheSameBytes() throws Exception {
		WarRoom room = this.cutovers.goLive();
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
		upload(room.cutoverId(), "steps", STEP, room.deployer(),
				new MockMultipartFile("files", "page.html", "text/html", html))
			.andExpect(status().is3xxRedirection());
		long id = onlyEvidence(room.cutoverId());
		AccountView auditor = this.accounts.create("auditor", GlobalRole.AUDITOR);
		MvcResult result = this.mvc
			.perform(get("/cutovers/{id}/evidence/{e}", room.cutoverId(), id).with(this.accounts.as(auditor)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/octet-stream"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andExpect(header().string("Content-Disposition", containsString("page.html")))
			.andReturn();
		assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(html);

		this.mvc.perform(get("/cutovers/{id}/evidence/{e}", room.cutoverId(), id).with(this.accounts.as(room.other())))
			.andExpect(status().isNotFound());
	}

	@Test
	void aLargeFileIsStreamedBackInChunks() throws Exception {
		WarRoom room = this.cutovers.goLive();
		byte[] big = new byte[EvidenceQueries.CHUNK_BYTES * 2 + 17];
		new java.util.Random(7).nextBytes(big);
		upload(room.cutoverId(), "steps", STEP, room.deployer(),
				new MockMultipartFile("files", "big.log", "text/plain", big))
			.andExpect(status().is3xxRedirection());
		byte[] back = this.mvc
			.perform(get("/cutovers/{id}/evidence/{e}", room.cutoverId(), onlyEvidence(room.cutoverId()))
				.with(this.accounts.as(room.ic())))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("text/plain")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(sha256(back)).isEqualTo(sha256(big));
	}

	@Test
	void anOversizeFileIsRefusedWith413AndNothingIsWritten() throws Exception {
		WarRoom room = this.cutovers.goLive();
		byte[] tooBig = new byte[25 * 1024 * 1024 + 1];
		upload(room.cutoverId(), "steps", STEP, room.deployer(),
				new MockMultipartFile("files", "small.log", "text/plain", new byte[] { 1 }),
				new MockMultipartFile("files", "huge.log", "text/plain", tooBig))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().string(containsString("at most 25.0 MB")));
		assertThat(evidenceRows(room.cutoverId())).isZero();
	}

	@Test
	void emptyFilesPathTricksLongNamesAndBadUrlsAreRefusedAndNothingIsWritten() throws Exception {
		WarRoom room = this.cutovers.goLive();
		upload(room.cutoverId(), "steps", STEP, room.deployer(),
				new MockMultipartFile("files", "empty.log", "text/plain", new byte[0]))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("is empty")));
		upload(room.cutoverId(), "steps", STEP, room.deployer(),
				new MockMultipartFile("files", "../x", "text/plain", new byte[] { 1 }))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("not a plain file name")));
		upload(room.cutoverId(), "steps", STEP, room.deployer(),
				new MockMultipartFile("files", "a".repeat(300) + ".log", "text/plain", new byte[] { 1 }))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("too long")));
		link(room.cutoverId(), STEP, room.deployer(), "K6 report", "javascript:alert(1)")
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("http:// or https://")));
		assertThat(evidenceRows(room.cutoverId())).isZero();
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "EVIDENCE")).isZero();
	}

	@Test
	void aLinkIsRecordedWithWhoAndWhen() throws Exception {
		WarRoom room = this.cutovers.goLive();
		link(room.cutoverId(), STEP, room.scribe(), "K6 report", "https://k6.example.com/run/42")
			.andExpect(status().is3xxRedirection());
		EvidenceView link = this.queries.forCutover(room.cutoverId()).get(0);
		assertThat(link.kind()).isEqualTo(EvidenceView.Kind.LINK);
		assertThat(link.url()).isEqualTo("https://k6.example.com/run/42");
		assertThat(link.uploadedById()).isEqualTo(room.scribe().id());
		assertThat(link.uploadedAt()).isNotNull();
	}

	@Test
	void onlyThoseWhoMayRecordTheStepAttachEvidence() throws Exception {
		WarRoom room = this.cutovers.goLive();
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		AccountView auditor = this.accounts.create("auditor", GlobalRole.AUDITOR);
		for (AccountView refused : List.of(room.oncall(), admin, auditor)) {
			upload(room.cutoverId(), "steps", STEP, refused,
					new MockMultipartFile("files", "x.log", "text/plain", new byte[] { 1 }))
				.andExpect(status().isForbidden());
		}
		upload(room.cutoverId(), "steps", STEP, room.other(),
				new MockMultipartFile("files", "x.log", "text/plain", new byte[] { 1 }))
			.andExpect(status().isNotFound());
		assertThat(evidenceRows(room.cutoverId())).isZero();
		for (AccountView allowed : List.of(room.deployer(), room.scribe(), room.ic())) {
			upload(room.cutoverId(), "steps", STEP, allowed,
					new MockMultipartFile("files", "x.log", "text/plain", new byte[] { 1 }))
				.andExpect(status().is3xxRedirection());
		}
		assertThat(evidenceRows(room.cutoverId())).isEqualTo(3);
	}

	@Test
	void evidenceCannotBeUpdatedOrDeleted() throws Exception {
		WarRoom room = this.cutovers.goLive();
		upload(room.cutoverId(), "steps", STEP, room.deployer(),
				new MockMultipartFile("files", "x.log", "text/plain", new byte[] { 1 }))
			.andExpect(status().is3xxRedirection());
		long id = onlyEvidence(room.cutoverId());
		assertThatThrownBy(() -> this.jdbc.sql("update evidence set name = 'y.log' where id = ?").param(id).update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("delete from evidence_blob where evidence_id = ?").param(id).update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("update evidence_blob set content = '\\x00' where evidence_id = ?")
			.param(id)
			.update()).hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("delete from evidence where id = ?").param(id).update())
			.hasMessageContaining("append-only");
	}

	private ResultActions upload(long cutoverId, String kind, String key, AccountView who, MockMultipartFile... files)
			throws Exception {
		var request = multipart("/cutovers/{id}/{kind}/{key}/evidence", cutoverId, kind, key);
		for (MockMultipartFile file : files) {
			request.file(file);
		}
		return this.mvc.perform(request.param("command", "bash scripts/canary.sh")
			.param("exitCode", "0")
			.param("timestamp", "2026-11-22T21:00:00Z")
			.param("result", "PASS")
			.with(this.accounts.as(who))
			.with(csrf()));
	}

	private ResultActions link(long cutoverId, String step, AccountView who, String name, String url) throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/steps/{key}/links", cutoverId, step).param("name", name)
			.param("url", url)
			.with(this.accounts.as(who))
			.with(csrf()));
	}

	private long evidenceRows(long cutoverId) {
		return this.jdbc.sql("select count(*) from evidence where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	private long onlyEvidence(long cutoverId) {
		return this.jdbc.sql("select id from evidence where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
