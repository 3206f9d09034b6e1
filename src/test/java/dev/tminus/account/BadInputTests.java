package dev.tminus.account;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tminus.account.AuditorIsReadOnlyTests.Endpoint;
import dev.tminus.account.AuditorIsReadOnlyTests.Form;
import dev.tminus.api.ApiScope;
import dev.tminus.api.ApiTokenService;
import dev.tminus.comms.NewWebhookEndpoint;
import dev.tminus.comms.WebhookEvent;
import dev.tminus.comms.WebhookService;
import dev.tminus.cutover.CutoverService;
import dev.tminus.evidence.EvidenceContract;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.risk.RiskQueries;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.signoff.GaWarRooms;
import dev.tminus.signoff.GaWarRooms.GaRoom;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.UriTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Bad input of every kind, to every state-changing endpoint, read from the application's
 * request mappings (as {@link AuditorIsReadOnlyTests} does): each field of each form, in
 * turn, gets a NUL byte, 100 KB of text, extreme dates and numbers and values of the
 * wrong type, while the others are plausible; path ids get extreme numbers; upload
 * endpoints get malformed multipart bodies and file names. Sent by the people allowed to
 * (the IC, an admin, the IC's API token), each answer must be a 4xx or a success, never a
 * 5xx and never an exception out of the request.
 */
@IntegrationTest
class BadInputTests {

	static final String NUL = "before\u0000after";

	static final String HUGE = "x".repeat(100_000);

	static final List<String> BAD_VALUES = List.of(NUL, HUGE, "+999999999-12-31T23:59:59Z",
			"-999999999-01-01T00:00:00Z", "2026-02-30T25:61:00Z", "2026-11-22T21:00:00+14:00[Mars/Olympus]",
			"99999999999999999999", "-99999999999999999999", "1e309", "NaN", "-1", "0", "not-a-number", "", " ",
			"\u202E\uFEFFrtl", "🚀".repeat(2000), "<script>alert(1)</script>", "'; drop table account; --");

	static final List<String> BAD_IDS = List.of("99999999999999999999", "-1", "0", "9223372036854775807", "abc");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	CutoverService cutoverService;

	@Autowired
	EvidenceService evidence;

	@Autowired
	RiskQueries risks;

	@Autowired
	RunbookCatalog catalog;

	@Autowired
	ApiTokenService tokens;

	@Autowired
	WebhookService webhooks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	long cutoverId;

	Map<String, String> keys = new LinkedHashMap<>();

	AccountView ic;

	AccountView admin;

	String icToken;

	@BeforeEach
	void aRunningCutover() {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		this.cutoverId = room.cutoverId();
		this.ic = room.ic();
		RunbookTemplate template = this.catalog
			.byId(this.jdbc.sql("select template_id from cutover where id = ?")
				.param(this.cutoverId)
				.query(Long.class)
				.single())
			.template();
		this.keys.put("stepKey", template.steps().get(0).key());
		this.keys.put("gateKey", template.gates().get(0).key());
		this.keys.put("signoffs", template.signOffs().get(0).key());
		this.keys.put("triggers", template.rollbackTriggers().get(0).key());
		this.keys.put("risks", this.risks.forCutover(this.cutoverId).get(0).key());
		this.keys.put("assignmentId",
				String.valueOf(this.jdbc.sql("select id from cutover_role where cutover_id = ? and role_key = 'PM'")
					.param(this.cutoverId)
					.query(Long.class)
					.single()));
		this.keys.put("evidenceId",
				String.valueOf(this.evidence.addLink(this.cutoverId, EvidenceTarget.gate(this.keys.get("gateKey")),
						"SLO board", "https://grafana.example/d/slo", EvidenceContract.none(),
						this.cutovers.user(this.ic))));
		this.admin = this.accounts.create("admin", GlobalRole.ADMIN);
		this.keys.put("accounts", String.valueOf(this.accounts.member("spare").id()));
		this.keys.put("webhooks",
				String.valueOf(this.webhooks.addEndpoint(new NewWebhookEndpoint("Bad input " + this.cutoverId,
						"https://hooks.example/bad", null, Set.of(WebhookEvent.DECISION)),
						this.cutovers.user(this.admin))));
		var token = this.tokens.create("bad input", 1, List.of(ApiScope.values()), this.cutovers.user(this.ic));
		this.icToken = token.token();
		this.keys.put("tokenId", String.valueOf(token.id()));
	}

	@Test
	void everyFieldOfEveryStateChangingEndpointTakesBadInputWithoutAServerError() throws Exception {
		List<String> failures = new ArrayList<>();
		int requests = 0;
		List<Endpoint> endpoints = stateChangingEndpoints();
		assertThat(endpoints).hasSizeGreaterThanOrEqualTo(AuditorIsReadOnlyTests.AT_LEAST);
		for (Endpoint endpoint : endpoints) {
			Form form = AuditorIsReadOnlyTests.form(endpoint.handler());
			for (String field : form.fields()) {
				for (String bad : BAD_VALUES) {
					requests++;
					check(endpoint, send(endpoint, form, Map.of(field, bad), null), field + "=" + shown(bad), failures);
				}
			}
			if (!form.files().isEmpty()) {
				for (MockMultipartFile file : badFiles(form.files().iterator().next())) {
					requests++;
					check(endpoint, send(endpoint, form, Map.of(), file),
							"file named " + shown(file.getOriginalFilename()), failures);
				}
			}
			for (String variable : new UriTemplate(endpoint.pattern()).getVariableNames()) {
				for (String bad : BAD_IDS) {
					requests++;
					check(endpoint, send(endpoint, form, Map.of("{" + variable + "}", bad), null),
							"{" + variable + "}=" + bad, failures);
				}
			}
		}
		assertThat(requests).isGreaterThan(500);
		assertThat(failures).as("answers of 5xx (or exceptions) to bad input, of " + requests).isEmpty();
	}

	@Test
	void theFifteenInputsOfTheProbeAnswer4xxWithAMessage() throws Exception {
		// a NUL in a text field: one message, whichever field
		MvcResult note = this.mvc
			.perform(post("/cutovers/{id}/notes", this.cutoverId).with(this.accounts.as(this.ic))
				.with(csrf())
				.param("text", NUL))
			.andReturn();
		assertThat(note.getResponse().getStatus()).isEqualTo(400);
		assertThat(note.getResponse().getContentAsString())
			.contains("The field &#39;text&#39; contains a NUL character");
		MvcResult api = this.mvc
			.perform(post("/api/v1/cutovers/{id}/notes", this.cutoverId)
				.header("Authorization", "Bearer " + this.icToken)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("text", NUL))
			.andReturn();
		assertThat(api.getResponse().getStatus()).isEqualTo(400);
		assertThat(api.getResponse().getContentType()).startsWith("application/problem+json");
		// the auditor's desk
		AccountView auditor = this.accounts.auditor("auditor");
		for (Map.Entry<String, String> query : Map
			.of("from", "+999999999-12-31T23:59:59Z", "to", "-999999999-01-01T00:00:00Z", "q", "\u0000")
			.entrySet()) {
			for (String path : List.of("/audit", "/audit/history.csv", "/audit/stats")) {
				MvcResult page = this.mvc
					.perform(get(path).param(query.getKey(), query.getValue()).with(this.accounts.as(auditor)))
					.andReturn();
				assertThat(page.getResponse().getStatus()).as(path + "?" + query).isBetween(400, 499);
			}
		}
		// file names: NUL, and a filename* that does not decode
		String evidencePath = "/cutovers/" + this.cutoverId + "/gates/" + this.keys.get("gateKey") + "/evidence";
		for (MockMultipartFile file : badFiles("files")) {
			MvcResult upload = this.mvc
				.perform(multipart(evidencePath).file(file).with(this.accounts.as(this.ic)).with(csrf()))
				.andReturn();
			assertThat(upload.getResponse().getStatus()).as(file.getOriginalFilename()).isBetween(400, 499);
		}
		MockPart broken = new MockPart("files", "x.log", "data".getBytes(StandardCharsets.UTF_8));
		broken.getHeaders().set("Content-Disposition", "form-data; name=\"files\"; filename*=UTF-8''%ZZ%");
		MvcResult malformed = this.mvc
			.perform(multipart(evidencePath).part(broken).with(this.accounts.as(this.ic)).with(csrf()))
			.andReturn();
		assertThat(malformed.getResponse().getStatus()).isEqualTo(400);
		assertThat(malformed.getResponse().getContentAsString()).contains("malformed Content-Disposition");
	}

	// --- requests -----------------------------------------------------------------

	/**
	 * The answer, or the exception that escaped the request (a 500 or a dropped
	 * connection on a real server).
	 */
	private Object send(Endpoint endpoint, Form form, Map<String, String> overrides, MockMultipartFile file) {
		try {
			return attempt(endpoint, form, overrides, file);
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private MvcResult attempt(Endpoint endpoint, Form form, Map<String, String> overrides, MockMultipartFile file)
			throws Exception {
		UriTemplate template = new UriTemplate(endpoint.pattern());
		Map<String, String> variables = new LinkedHashMap<>();
		for (String variable : template.getVariableNames()) {
			variables.put(variable,
					overrides.getOrDefault("{" + variable + "}", pathValue(endpoint.pattern(), variable)));
		}
		String uri = template.expand(variables).toString();
		AbstractMockHttpServletRequestBuilder<?> request;
		if (form.files().isEmpty() && file == null) {
			request = request(endpoint.method(), uri);
		}
		else {
			var upload = multipart(endpoint.method(), uri);
			upload.file((file != null) ? file : new MockMultipartFile(form.files().iterator().next(), "run.log",
					"text/plain", "ok\n".getBytes(StandardCharsets.UTF_8)));
			request = upload;
		}
		for (String field : form.fields()) {
			request.param(field, overrides.getOrDefault(field, plausible(endpoint.pattern(), field)));
		}
		endpoint.info().getParamsCondition().getExpressions().stream().filter((e) -> !e.isNegated()).forEach((e) -> {
			request.param(e.getName(), (e.getValue() != null) ? e.getValue() : "true");
		});
		if (uri.startsWith("/api/")) {
			if (form.files().isEmpty() && file == null) {
				request.contentType(MediaType.APPLICATION_FORM_URLENCODED);
			}
			return this.mvc.perform(request.header("Authorization", "Bearer " + this.icToken)).andReturn();
		}
		AccountView who = endpoint.pattern().startsWith("/admin") ? this.admin : this.ic;
		return this.mvc.perform(request.with(this.accounts.as(who)).with(csrf())).andReturn();
	}

	private static void check(Endpoint endpoint, Object answer, String what, List<String> failures) {
		if (answer instanceof Exception ex) {
			Throwable root = ex;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			failures.add(endpoint + " with " + what + " threw " + root);
			return;
		}
		MvcResult result = (MvcResult) answer;
		int status = result.getResponse().getStatus();
		if (status >= 500) {
			failures.add(endpoint + " with " + what + " answered " + status
					+ ((result.getResolvedException() != null) ? " (" + result.getResolvedException() + ")" : ""));
		}
	}

	private static List<MockMultipartFile> badFiles(String name) {
		byte[] data = "output\n".getBytes(StandardCharsets.UTF_8);
		return List.of(new MockMultipartFile(name, "bad\u0000name.log", "text/plain", data),
				new MockMultipartFile(name, "x".repeat(5000) + ".log", "text/plain", data),
				new MockMultipartFile(name, "../../etc/passwd", "text/plain", data),
				new MockMultipartFile(name, "", "text/plain", data),
				new MockMultipartFile(name, "empty.log", "text/plain", new byte[0]));
	}

	private List<Endpoint> stateChangingEndpoints() {
		Set<Endpoint> endpoints = new LinkedHashSet<>();
		for (RequestMappingInfoHandlerMapping mapping : this.context
			.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			mapping.getHandlerMethods().forEach((info, handler) -> {
				Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
				List<RequestMethod> methods = declared.isEmpty() ? AuditorIsReadOnlyTests.CHANGING
						: declared.stream().filter((m) -> !AuditorIsReadOnlyTests.SAFE.contains(m)).toList();
				for (String pattern : info.getPatternValues()) {
					if (pattern.startsWith("/error")) {
						continue;
					}
					for (RequestMethod method : methods) {
						endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), pattern, info, handler));
					}
				}
			});
		}
		return new ArrayList<>(endpoints);
	}

	private String pathValue(String pattern, String variable) {
		String[] segments = pattern.split("/");
		String collection = "";
		for (int i = 1; i < segments.length; i++) {
			if (segments[i].startsWith("{" + variable)) {
				collection = segments[i - 1];
			}
		}
		String value = switch (variable) {
			case "cutoverId" -> String.valueOf(this.cutoverId);
			case "id" -> collection.equals("cutovers") ? String.valueOf(this.cutoverId) : this.keys.get(collection);
			case "key" -> this.keys.get(collection);
			default -> this.keys.get(variable);
		};
		if (value == null) {
			throw new IllegalStateException("no value for {" + variable + "} after '" + collection + "' in " + pattern
					+ "; add one to BadInputTests so this endpoint is tested");
		}
		return value;
	}

	private String plausible(String pattern, String field) {
		return switch (field) {
			case "status" -> pattern.contains("/risks/") ? "CLOSED" : "PASS";
			case "version" -> String.valueOf(this.cutovers.version(this.cutoverId, this.keys.get("stepKey")));
			case "username", "toUsername" -> "spare";
			case "roleKey", "ownerRole", "owner" -> "PM";
			case "outcome" -> "NO_GO";
			case "retryAt", "t0", "timestamp" ->
				ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(1)));
			case "password", "currentPassword" -> TestAccounts.PASSWORD;
			case "newPassword", "confirmPassword" -> "brand new river-stone passphrase";
			case "state" -> "GIVEN";
			case "likelihood", "impact" -> "H";
			case "key" -> this.keys.get("triggers");
			case "action" -> "MONITOR";
			case "verdict", "result" -> "PASS";
			case "tag" -> "INFO";
			case "url" -> "https://grafana.example/d/bad-input";
			case "enabled" -> "false";
			case "role" -> "MEMBER";
			case "templateKey" -> "ga-cutover";
			case "environment" -> "prod";
			case "releaseRef" -> "8e28d6c3";
			case "kind" -> "LIVE";
			case "exitCode" -> "0";
			case "days" -> "7";
			case "scope" -> "cutover:read";
			default -> "plausible text";
		};
	}

	private static String shown(String value) {
		String printable = value.replace("\u0000", "\\0");
		return (printable.length() > 40) ? printable.substring(0, 40) + "… (" + value.length() + " chars)" : printable;
	}

}
