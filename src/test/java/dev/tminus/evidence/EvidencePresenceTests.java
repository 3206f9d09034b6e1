package dev.tminus.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The gate board, the decision page and the evidence bundle agree on which required
 * evidence is present (seeds 000 and 003 on the E2-3 rehearsal): a log of another name is
 * kept, but stands for nothing, everywhere.
 */
@IntegrationTest
class EvidencePresenceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Test
	void theBoardTheDecisionAndTheBundleApplyOneRule() throws Exception {
		Rehearsal room = this.cutovers.e23();
		upload(room, "PRECHECK", "precheck-output.txt");
		upload(room, "MIGRATION", "02_alembic_upgrade.log");

		String gates = page("/cutovers/{id}/gates", room);
		assertThat(gates).doesNotContain("missing evidence: 02_alembic_upgrade.log")
			.contains("missing evidence: 03_backfill.log")
			.contains("missing evidence: <span>01_precheck.log</span>");
		String decision = page("/cutovers/{id}/decision", room);
		assertThat(decision).contains("missing evidence: 01_precheck.log")
			.doesNotContain("missing evidence: 02_alembic_upgrade.log");

		byte[] zip = this.mvc
			.perform(get("/audit/cutovers/{id}/bundle.zip", room.cutoverId())
				.with(this.accounts.as(this.accounts.auditor("auditor"))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		Map<String, String> files = unzip(zip);
		assertThat(files.get("01_precheck.log")).contains("result=MISSING");
		assertThat(files).containsKey("steps/PRECHECK/precheck-output.txt");
		assertThat(files.get("02_alembic_upgrade.log")).contains("output of 02_alembic_upgrade.log")
			.doesNotContain("result=MISSING");
	}

	private void upload(Rehearsal room, String step, String name) throws Exception {
		this.mvc.perform(multipart("/cutovers/{id}/steps/{step}/evidence", room.cutoverId(), step)
			.file(new MockMultipartFile("files", name, "text/plain",
					("output of " + name + "\n").getBytes(StandardCharsets.UTF_8)))
			.with(this.accounts.as(room.operator()))
			.with(csrf())).andExpect(status().is3xxRedirection());
	}

	private String page(String path, Rehearsal room) throws Exception {
		return this.mvc.perform(get(path, room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	/** Entry name without the bundle's top folder → content. */
	private static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
				files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return files;
	}

}
