package dev.tminus.decision;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tminus.account.AccountView;
import dev.tminus.cutover.internal.JsonMapConverter;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Gate;
import dev.tminus.runbook.RunbookTemplate.Measure;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Each of the four seed templates run through the pages from creation to the IC's GO, one
 * account per role, under every rule: typed inputs, segregation of duties (the IC holds
 * no approver role), steps before T-0 PASS in dependency order with their evidence, gates
 * PASS from passing values with their evidence (those that follow from their steps by
 * themselves), sign-offs by their approvers, then GO.
 */
@IntegrationTest
class SeedTemplatesEndToEndTests {

	static final Map<String, Map<String, String>> INPUTS = Map.of("go-live-canary-money-loop",
			Map.of("CANARY_TENANT", "tenant-canary-01"), "ga-cutover",
			Map.of("P95_LATENCY_MS_MAX", "300", "ERROR_RATE_PCT_MAX", "1", "TPS_MIN", "50", "ERROR_BUDGET_MIN", "99.9",
					"READ_P95_MS_MAX", "200", "WRITE_P95_MS_MAX", "400", "GRAPH_3HOP_P95_MS_MAX", "800"),
			"pilot-go-no-go", Map.of(), "e2-3-reload-cutover-rehearsal", Map.of());

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	RunbookCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@ParameterizedTest
	@ValueSource(
			strings = { "e2-3-reload-cutover-rehearsal", "go-live-canary-money-loop", "ga-cutover", "pilot-go-no-go" })
	void runsFromCreationToTheIcsGo(String templateKey) throws Exception {
		RunbookTemplate template = this.catalog.current(templateKey).orElseThrow().template();
		AccountView creator = this.accounts.member("creator");
		MockHttpServletRequestBuilder create = post("/cutovers").with(this.accounts.as(creator))
			.with(csrf())
			.param("templateKey", templateKey)
			.param("name", "E2E " + templateKey)
			.param("environment", "prod")
			.param("releaseRef", "v1.4.0")
			.param("kind", "REHEARSAL")
			.param("t0", ParameterResolver.format(this.clock.instant().plus(Duration.ofHours(4))));
		INPUTS.get(templateKey).forEach((key, value) -> create.param("input." + key, value));
		String board = this.mvc.perform(create)
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long id = Long.parseLong(board.substring(board.lastIndexOf('/') + 1));

		Map<String, AccountView> holders = new LinkedHashMap<>();
		for (Role role : template.roles()) {
			AccountView holder = this.accounts.member(role.key().toLowerCase().replace('_', '-'));
			holders.put(role.key(), holder);
			this.mvc
				.perform(post("/cutovers/{id}/roles", id).param("roleKey", role.key())
					.param("username", holder.username())
					.with(this.accounts.as(creator))
					.with(csrf()))
				.andExpect(status().is3xxRedirection());
		}
		this.mvc.perform(post("/cutovers/{id}/start", id).with(this.accounts.as(creator)).with(csrf()))
			.andExpect(status().is3xxRedirection());

		for (Step step : stepsBeforeT0(template)) {
			AccountView owner = holders.get(step.owner());
			for (String entry : step.evidenceFiles()) {
				attach(id, "steps", step.key(), entry, owner);
			}
			MockHttpServletRequestBuilder record = post("/cutovers/{id}/steps/{key}", id, step.key())
				.param("status", "PASS")
				.param("version", String.valueOf(version(id, step.key())))
				.with(this.accounts.as(owner))
				.with(csrf());
			step.fields().forEach((field) -> record.param("field." + field.key(), switch (field.type()) {
				case SHA -> "8e28d6c3";
				case URL -> "https://grafana.example/d/slo";
				case TIMESTAMP -> ParameterResolver.format(this.clock.instant());
				case NUMBER -> "8";
				case TEXT -> "ref-" + field.key();
			}));
			this.mvc.perform(record).andExpect(status().is3xxRedirection());
		}

		Map<String, String> parameters = JsonMapConverter
			.read(this.jdbc.sql("select parameters::text from cutover where id = ?")
				.param(id)
				.query(String.class)
				.single());
		for (Gate gate : template.gates()) {
			AccountView owner = holders.get(gate.owner());
			for (String entry : gate.evidenceFiles()) {
				attach(id, "gates", gate.key(), entry, owner);
			}
			if (gate.fromSteps()) {
				continue;
			}
			MockHttpServletRequestBuilder result = post("/cutovers/{id}/gates/{key}/results", id, gate.key())
				.with(this.accounts.as(owner))
				.with(csrf());
			Map<String, String> values = passing(gate, parameters);
			values.forEach((key, value) -> result.param("measure." + key, value));
			boolean computed = gate.measures().stream().anyMatch((m) -> m.comparator() != null);
			result.param("verdict", computed ? "COMPUTE" : "PASS");
			this.mvc.perform(result).andExpect(status().is3xxRedirection());
		}
		for (RunbookTemplate.SignOff signOff : template.signOffs()) {
			this.mvc
				.perform(post("/cutovers/{id}/signoffs/{key}", id, signOff.key()).param("state", "GIVEN")
					.param("comment", "checked")
					.with(this.accounts.as(holders.get(signOff.role())))
					.with(csrf()))
				.andExpect(status().is3xxRedirection());
		}

		AccountView ic = holders.get("IC");
		this.mvc.perform(get("/cutovers/{id}/decision", id).with(this.accounts.as(ic)))
			.andExpect(content().string(containsString("id=\"go-ready\"")));
		this.mvc
			.perform(post("/cutovers/{id}/decision", id).param("outcome", "GO")
				.param("password", TestAccounts.PASSWORD)
				.with(this.accounts.as(ic))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select status from cutover where id = ?").param(id).query(String.class).single())
			.isEqualTo("GO");
		assertThat(this.jdbc.sql("select decided_by from decision where cutover_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(ic.id());
	}

	/** Every step in a phase before T-0, each after the steps it waits for. */
	private static List<Step> stepsBeforeT0(RunbookTemplate template) {
		List<Step> due = template.steps()
			.stream()
			.filter((step) -> template.phase(step.phase()).orElseThrow().offsetMinutes() < 0)
			.toList();
		List<Step> ordered = new ArrayList<>();
		Set<String> done = new HashSet<>();
		while (ordered.size() < due.size()) {
			for (Step step : due) {
				if (!done.contains(step.key()) && done.containsAll(step.dependsOn()
					.stream()
					.filter((key) -> due.stream().anyMatch((d) -> d.key().equals(key)))
					.toList())) {
					ordered.add(step);
					done.add(step.key());
				}
			}
		}
		return ordered;
	}

	/** A file for a file name or path (its file name), a link for described evidence. */
	private void attach(long id, String kind, String key, String entry, AccountView by) throws Exception {
		String name = entry.substring(entry.lastIndexOf('/') + 1);
		if (name.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.[A-Za-z0-9]{1,8}")) {
			this.mvc
				.perform(multipart("/cutovers/{id}/" + kind + "/{key}/evidence", id, key)
					.file(new MockMultipartFile("files", name, "text/plain",
							("command=./run\nexit_code=0\nresult=PASS\n" + name + "\n")
								.getBytes(StandardCharsets.UTF_8)))
					.param("exitCode", "0")
					.param("result", "PASS")
					.with(this.accounts.as(by))
					.with(csrf()))
				.andExpect(status().is3xxRedirection());
		}
		else {
			this.mvc
				.perform(post("/cutovers/{id}/" + kind + "/{key}/links", id, key).param("name", entry)
					.param("url", "https://evidence.example/" + key)
					.with(this.accounts.as(by))
					.with(csrf()))
				.andExpect(status().is3xxRedirection());
		}
	}

	/** A value for each measure that meets its threshold. */
	private static Map<String, String> passing(Gate gate, Map<String, String> parameters) {
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, Measure> byKey = new HashMap<>();
		gate.measures().forEach((m) -> byKey.put(m.key(), m));
		for (Measure measure : gate.measures()) {
			if (measure.comparator() == null) {
				values.put(measure.key(), "a".repeat(64));
			}
		}
		for (Measure measure : gate.measures()) {
			if (measure.comparator() == null) {
				continue;
			}
			if (measure.thresholdMeasure() != null) {
				values.put(measure.key(), values.get(measure.thresholdMeasure()));
				continue;
			}
			String threshold = ParameterResolver.substitute(measure.threshold(), parameters);
			values.put(measure.key(), switch (measure.comparator()) {
				case EQ, LE, GE -> threshold;
				case LT -> new BigDecimal(threshold).subtract(BigDecimal.ONE).toPlainString();
				case GT -> new BigDecimal(threshold).add(BigDecimal.ONE).toPlainString();
				case NE -> threshold + "-not";
			});
		}
		return values;
	}

	private long version(long cutoverId, String step) {
		return this.jdbc.sql("select version from step_state where cutover_id = ? and step_key = ?")
			.params(cutoverId, step)
			.query(Long.class)
			.single();
	}

}
