package dev.tminus.account;

import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.tminus.api.ApiScope;
import dev.tminus.api.ApiTokenService;
import dev.tminus.api.NewApiToken;
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
import dev.tminus.runbook.RunbookTemplate.TriggerAction;
import dev.tminus.signoff.GaWarRooms;
import dev.tminus.signoff.GaWarRooms.GaRoom;
import dev.tminus.signoff.SignOffService;
import dev.tminus.signoff.SignOffState;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.trigger.ReportTrigger;
import dev.tminus.trigger.TriggerService;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Part;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.ui.Model;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An auditor changes nothing. The state-changing endpoints are not listed here: they are
 * read from the application's request mappings, so an endpoint added tomorrow is tested
 * tomorrow. Each is sent by an AUDITOR with a valid CSRF token and the form it expects,
 * against a running cutover where the auditor is nobody in particular, and must be
 * refused with 403 before any controller runs, leaving every application table as it was.
 */
@IntegrationTest
class AuditorIsReadOnlyTests {

	/**
	 * The state-changing endpoints (method and path) when this was written: 23 POST
	 * mappings of our controllers, plus the error controller's two handlers, which take
	 * every method (4 each). An enumeration that finds fewer is broken, not passing.
	 */
	static final int AT_LEAST = 31;

	/**
	 * What an auditor may still send, each tested on its own below. Written out here, not
	 * read from the security configuration, so that widening one without the other fails.
	 */
	static final Set<String> ALLOWED = Set.of("POST /account/password", "POST /account/tokens",
			"POST /account/tokens/{tokenId}/revoke");

	static final String REASON = "Auditors have read-only access: T-Minus refused this request and nothing was changed.";

	/** Methods that change nothing; every other one is treated as a change. */
	static final Set<RequestMethod> SAFE = Set.of(RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS,
			RequestMethod.TRACE);

	/** What a mapping without a method condition is tried with. */
	static final List<RequestMethod> CHANGING = List.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
			RequestMethod.DELETE);

	/**
	 * The application's tables that are not records: sessions and Flyway's bookkeeping.
	 */
	static final String NOT_RECORDS = "table_name not like 'spring\\_session%' and table_name <> 'flyway_schema_history'";

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
	SignOffService signOffs;

	@Autowired
	TriggerService triggers;

	@Autowired
	EvidenceService evidence;

	@Autowired
	RiskQueries risks;

	@Autowired
	RunbookCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ApiTokenService tokens;

	Fixture fixture;

	@Autowired
	WebhookService webhooks;

	/** A (disabled) webhook endpoint, for the admin pages' paths. */
	long webhookEndpointId;

	/**
	 * A running GA cutover with something of everything: roles held by members, a
	 * sign-off given, a trigger reported, evidence attached, the risk log filled.
	 */
	@BeforeEach
	void aRunningCutoverWithSomethingOfEverything() {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		long id = room.cutoverId();
		RunbookTemplate template = this.catalog
			.byId(this.jdbc.sql("select template_id from cutover where id = ?").param(id).query(Long.class).single())
			.template();
		String gateKey = template.gates().get(0).key();
		String signOffKey = template.signOffs().get(0).key();
		String triggerKey = template.rollbackTriggers().get(0).key();
		this.signOffs.sign(id, signOffKey, SignOffState.GIVEN, "reviewed", this.cutovers.user(room.pm()));
		this.triggers.report(id, new ReportTrigger(triggerKey, null, TriggerAction.MONITOR, "watching it"),
				this.cutovers.user(room.ic()));
		long evidenceId = this.evidence.addLink(id, EvidenceTarget.gate(gateKey), "SLO board",
				"https://grafana.example/d/slo", EvidenceContract.none(), this.cutovers.user(room.ic()));
		String riskKey = this.risks.forCutover(id).get(0).key();
		long assignmentId = this.jdbc.sql("select id from cutover_role where cutover_id = ? and role_key = 'PM'")
			.param(id)
			.query(Long.class)
			.single();
		AccountView auditor = this.accounts.create("auditor", GlobalRole.AUDITOR);
		NewApiToken token = this.tokens.create("audit script", 30, List.of(ApiScope.CUTOVER_READ),
				this.cutovers.user(auditor));
		CurrentUser admin = this.cutovers.user(this.accounts.create("admin", GlobalRole.ADMIN));
		this.webhookEndpointId = this.webhooks.addEndpoint(new NewWebhookEndpoint("Auditor fixture " + id,
				"https://hooks.example/auditor", "secret", Set.of(WebhookEvent.DECISION)), admin);
		this.webhooks.setEnabled(this.webhookEndpointId, false, admin);
		this.fixture = new Fixture(id, template.steps().get(0).key(), gateKey, signOffKey, riskKey, triggerKey,
				template.failureClassifications().get(0), assignmentId, evidenceId, room.ic(),
				this.accounts.member("spare"), auditor, token.id(), token.token());
	}

	@Test
	void everyStateChangingEndpointRefusesAnAuditorBeforeAnySideEffect() throws Exception {
		List<Endpoint> endpoints = stateChangingEndpoints();
		assertThat(endpoints).as("state-changing endpoints found in the request mappings")
			.hasSizeGreaterThanOrEqualTo(AT_LEAST);
		assertThat(endpoints.stream().map(Endpoint::toString).filter(ALLOWED::contains))
			.as("every allowed exception is still an endpoint (remove stale ones)")
			.containsExactlyInAnyOrderElementsOf(ALLOWED);

		List<String> offenders = new ArrayList<>();
		settleScheduledWork();
		Map<String, String> before = snapshot();
		for (Endpoint endpoint : endpoints) {
			if (ALLOWED.contains(endpoint.toString())) {
				continue;
			}
			AbstractMockHttpServletRequestBuilder<?> request;
			try {
				request = requestFor(endpoint);
			}
			catch (IllegalStateException ex) {
				offenders.add(endpoint.described() + ": " + ex.getMessage());
				continue;
			}
			try {
				MvcResult result = this.mvc.perform(request).andReturn();
				if (result.getResponse().getStatus() != 403) {
					offenders
						.add(endpoint.described() + ": answered " + result.getResponse().getStatus() + ", not 403");
				}
				if (result.getHandler() != null) {
					offenders.add(endpoint.described()
							+ ": reached its handler (the refusal must come before any controller)");
				}
			}
			catch (Exception ex) {
				offenders.add(endpoint.described() + ": failed with " + ex);
			}
			Map<String, String> after = snapshot();
			if (!after.equals(before)) {
				offenders.add(endpoint.described() + ": changed " + changed(before, after));
				before = after;
			}
		}
		assertThat(offenders)
			.as("endpoints that do not refuse an auditor cleanly, of these %d: %s", endpoints.size(), endpoints)
			.isEmpty();
	}

	@Test
	void theRefusalSaysWhyOnOurPageToBrowsersAndHtmxAndAsAProblemToEveryoneElse() throws Exception {
		String path = "/cutovers/" + this.fixture.cutoverId() + "/notes";
		for (MockHttpServletRequestBuilder page : List.of(note(path).accept("text/html,*/*;q=0.8"),
				note(path).header("HX-Request", "true"))) {
			this.mvc.perform(page)
				.andExpect(status().isForbidden())
				.andExpect(status().reason(REASON))
				.andExpect(request().attribute("problem", REASON));
		}
		for (MockHttpServletRequestBuilder script : List.of(note(path).accept(MediaType.APPLICATION_JSON),
				note(path).accept("application/problem+json, text/html;q=0.5"), note(path))) {
			this.mvc.perform(script)
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("about:blank"))
				.andExpect(jsonPath("$.title").value("Forbidden"))
				.andExpect(jsonPath("$.status").value(403))
				.andExpect(jsonPath("$.detail").value(REASON))
				.andExpect(jsonPath("$.instance").value(path));
		}
		assertThat(this.cutovers.timelineRows(this.fixture.cutoverId(), "NOTE")).isZero();
	}

	private MockHttpServletRequestBuilder note(String path) {
		return post(path).with(this.accounts.as(this.fixture.auditor()))
			.with(csrf())
			.param("text", "an auditor's note");
	}

	@Test
	void anAuditorChangesTheirOwnPasswordAndNothingElse() throws Exception {
		AccountView auditor = this.fixture.auditor();
		settleScheduledWork();
		Map<String, String> before = snapshotBut(auditor.id());
		String hashBefore = passwordHash(auditor.id());
		this.mvc
			.perform(post("/account/password").with(this.accounts.as(auditor))
				.with(csrf())
				.param("currentPassword", TestAccounts.PASSWORD)
				.param("newPassword", "an auditor's new password")
				.param("confirmPassword", "an auditor's new password"))
			.andExpect(redirectedUrl("/"));
		assertThat(snapshotBut(auditor.id())).as("everything but the auditor's own account row").isEqualTo(before);
		assertThat(passwordHash(auditor.id())).isNotEqualTo(hashBefore);
		this.mvc.perform(formLogin().user(auditor.username()).password("an auditor's new password"))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void anAuditorCreatesAndRevokesOnlyTheirOwnReadOnlyTokensAndNothingElse() throws Exception {
		AccountView auditor = this.fixture.auditor();
		settleScheduledWork();
		Map<String, String> before = snapshotBut("api_token");
		this.mvc
			.perform(post("/account/tokens").with(this.accounts.as(auditor))
				.with(csrf())
				.param("name", "pipeline")
				.param("days", "7")
				.param("scope", "step:write"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("can only read")));
		this.mvc
			.perform(post("/account/tokens").with(this.accounts.as(auditor))
				.with(csrf())
				.param("name", "reader")
				.param("days", "7")
				.param("scope", "cutover:read"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"token-value\"")));
		this.mvc
			.perform(post("/account/tokens/{id}/revoke", this.fixture.auditorTokenId()).with(this.accounts.as(auditor))
				.with(csrf()))
			.andExpect(redirectedUrl("/account/tokens"));
		assertThat(snapshotBut("api_token")).as("everything but api_token").isEqualTo(before);
		assertThat(this.jdbc.sql("select count(*) from api_token where account_id = ? and scopes <> 'cutover:read'")
			.param(auditor.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAuditorSignsOutAndNothingChanges() throws Exception {
		settleScheduledWork();
		Map<String, String> before = snapshot();
		this.mvc.perform(post("/logout").with(this.accounts.as(this.fixture.auditor())).with(csrf()))
			.andExpect(redirectedUrl("/login?logout"));
		assertThat(snapshot()).isEqualTo(before);
	}

	/** Every (method, path) pair that may change state, from every request mapping. */
	private List<Endpoint> stateChangingEndpoints() {
		Set<Endpoint> endpoints = new LinkedHashSet<>();
		for (RequestMappingInfoHandlerMapping mapping : this.context
			.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			mapping.getHandlerMethods().forEach((info, handler) -> {
				Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
				Collection<RequestMethod> methods = declared.isEmpty() ? CHANGING
						: declared.stream().filter((m) -> !SAFE.contains(m)).toList();
				for (String pattern : info.getPatternValues()) {
					for (RequestMethod method : methods) {
						endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), pattern, info, handler));
					}
				}
			});
		}
		return new ArrayList<>(endpoints);
	}

	/**
	 * The request a user allowed to would send: real ids in the path, the form fields the
	 * handler reads, a small file where it takes files.
	 */
	private AbstractMockHttpServletRequestBuilder<?> requestFor(Endpoint endpoint) {
		if (endpoint.pattern().contains("*")) {
			throw new IllegalStateException("a wildcard pattern; give this test a concrete path for it");
		}
		UriTemplate template = new UriTemplate(endpoint.pattern());
		Map<String, String> variables = new LinkedHashMap<>();
		for (String variable : template.getVariableNames()) {
			variables.put(variable, pathValue(endpoint.pattern(), variable));
		}
		String uri = template.expand(variables).toString();
		Form form = form(endpoint.handler());
		AbstractMockHttpServletRequestBuilder<?> request;
		if (form.files().isEmpty()) {
			request = request(endpoint.method(), uri);
		}
		else {
			var upload = multipart(endpoint.method(), uri);
			form.files()
				.forEach((name) -> upload.file(new MockMultipartFile(name, "auditor.log", "text/plain",
						"written by an auditor\n".getBytes(StandardCharsets.UTF_8))));
			request = upload;
		}
		for (String field : form.fields()) {
			request.param(field, formValue(endpoint.pattern(), field));
		}
		RequestMappingInfo info = endpoint.info();
		info.getParamsCondition().getExpressions().stream().filter((e) -> !e.isNegated()).forEach((e) -> {
			request.param(e.getName(), (e.getValue() != null) ? e.getValue() : "true");
		});
		info.getHeadersCondition().getExpressions().stream().filter((e) -> !e.isNegated()).forEach((e) -> {
			request.header(e.getName(), (e.getValue() != null) ? e.getValue() : "true");
		});
		info.getConsumesCondition()
			.getConsumableMediaTypes()
			.stream()
			.filter((type) -> !type.isWildcardType() && !type.isWildcardSubtype())
			.findFirst()
			.ifPresent((type) -> {
				if (form.files().isEmpty()) {
					request.contentType(type);
				}
			});
		MediaType accept = info.getProducesCondition()
			.getProducibleMediaTypes()
			.stream()
			.filter((type) -> !type.isWildcardType() && !type.isWildcardSubtype())
			.findFirst()
			.orElse(MediaType.TEXT_HTML);
		if (uri.startsWith("/api/")) {
			// the API takes no session: the auditor's own (read-only) token
			return request.accept(accept).header("Authorization", "Bearer " + this.fixture.auditorToken());
		}
		return request.accept(accept).with(this.accounts.as(this.fixture.auditor())).with(csrf());
	}

	/**
	 * A real value for a path variable of this cutover. A variable not known here fails
	 * the test, so a new endpoint is never skipped: add its value.
	 */
	private String pathValue(String pattern, String variable) {
		Fixture f = this.fixture;
		String collection = segmentBefore(pattern, variable);
		String value = switch (variable) {
			case "cutoverId" -> String.valueOf(f.cutoverId());
			case "id" -> switch (collection) {
				case "cutovers" -> String.valueOf(f.cutoverId());
				case "accounts" -> String.valueOf(f.ic().id());
				case "webhooks" -> String.valueOf(this.webhookEndpointId);
				default -> null;
			};
			case "stepKey" -> f.stepKey();
			case "gateKey" -> f.gateKey();
			case "key" -> switch (collection) {
				case "signoffs" -> f.signOffKey();
				case "risks" -> f.riskKey();
				case "triggers" -> f.triggerKey();
				default -> null;
			};
			case "assignmentId" -> String.valueOf(f.assignmentId());
			case "evidenceId" -> String.valueOf(f.evidenceId());
			case "tokenId" -> String.valueOf(f.auditorTokenId());
			default -> null;
		};
		if (value == null) {
			throw new IllegalStateException("no value for path variable {" + variable + "} after '" + collection
					+ "'; add a real one to AuditorIsReadOnlyTests.pathValue so this endpoint is tested");
		}
		return value;
	}

	/** A plausible value for a form field: what its rightful user would send. */
	private String formValue(String pattern, String field) {
		Fixture f = this.fixture;
		return switch (field) {
			case "status" -> pattern.contains("/risks/") ? "CLOSED" : "PASS";
			case "version" -> String.valueOf(this.cutovers.version(f.cutoverId(), f.stepKey()));
			case "username" -> pattern.startsWith("/admin") ? "made-by-auditor" : f.spare().username();
			case "toUsername" -> f.spare().username();
			case "roleKey", "ownerRole", "owner" -> "PM";
			case "outcome" -> "NO_GO";
			case "failureClassification" -> f.failureClassification();
			case "retryAt", "t0", "timestamp" ->
				ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(1)));
			case "password", "currentPassword" -> TestAccounts.PASSWORD;
			case "newPassword", "confirmPassword" -> "an auditor's new password";
			case "state" -> "GIVEN";
			case "likelihood", "impact" -> "H";
			case "key" -> f.triggerKey();
			case "action" -> "MONITOR";
			case "verdict", "result" -> "PASS";
			case "tag" -> "INFO";
			case "url" -> "https://grafana.example/d/auditor";
			case "enabled" -> "false";
			case "role" -> "ADMIN";
			case "templateKey" -> "ga-cutover";
			case "environment" -> "prod";
			case "releaseRef" -> "8e28d6c3";
			case "kind" -> "LIVE";
			case "exitCode" -> "0";
			case "displayName" -> "Made by an auditor";
			default -> "written by an auditor";
		};
	}

	/**
	 * The form a handler reads: its request parameters, the components of the form record
	 * it binds, and the names under which it takes files.
	 */
	static Form form(HandlerMethod handler) {
		Set<String> fields = new TreeSet<>();
		Set<String> files = new TreeSet<>();
		for (MethodParameter parameter : handler.getMethodParameters()) {
			Parameter reflected = parameter.getParameter();
			Class<?> type = parameter.getParameterType();
			RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
			RequestPart requestPart = parameter.getParameterAnnotation(RequestPart.class);
			String name = (requestParam != null && !requestParam.name().isEmpty()) ? requestParam.name()
					: (requestPart != null && !requestPart.name().isEmpty()) ? requestPart.name() : reflected.getName();
			if (parameter.hasParameterAnnotation(PathVariable.class)
					|| parameter.hasParameterAnnotation(AuthenticationPrincipal.class)
					|| parameter.hasParameterAnnotation(RequestHeader.class) || Map.class.isAssignableFrom(type)
					|| Model.class.isAssignableFrom(type) || Errors.class.isAssignableFrom(type)
					|| RedirectAttributes.class.isAssignableFrom(type) || ServletRequest.class.isAssignableFrom(type)
					|| ServletResponse.class.isAssignableFrom(type) || Principal.class.isAssignableFrom(type)) {
				continue;
			}
			if (takesFiles(reflected.getParameterizedType())) {
				files.add(name);
			}
			else if (requestParam != null || BeanUtils.isSimpleProperty(type)) {
				fields.add(name);
			}
			else if (type.isRecord()) {
				Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(fields::add);
			}
		}
		return new Form(fields, files);
	}

	private static boolean takesFiles(Type type) {
		if (type instanceof ParameterizedType generic) {
			return Arrays.stream(generic.getActualTypeArguments()).anyMatch(AuditorIsReadOnlyTests::takesFiles);
		}
		if (type instanceof Class<?> plain) {
			Class<?> element = plain.isArray() ? plain.getComponentType() : plain;
			return MultipartFile.class.isAssignableFrom(element) || Part.class.isAssignableFrom(element);
		}
		return false;
	}

	private static String segmentBefore(String pattern, String variable) {
		String[] segments = pattern.split("/");
		for (int i = 1; i < segments.length; i++) {
			if (segments[i].equals("{" + variable + "}") || segments[i].startsWith("{" + variable + ":")) {
				return segments[i - 1];
			}
		}
		return "";
	}

	/**
	 * Runs the scheduled jobs (breached decision clocks, passed points of no return...)
	 * once, so that work other tests left due is done before the snapshot rather than
	 * during this test. The clock does not move here, so nothing new falls due.
	 */
	private void settleScheduledWork() {
		for (ScheduledTaskHolder holder : this.context.getBeansOfType(ScheduledTaskHolder.class).values()) {
			for (ScheduledTask task : holder.getScheduledTasks()) {
				task.getTask().getRunnable().run();
			}
		}
	}

	/** Row count and checksum of every application table. */
	private Map<String, String> snapshot() {
		return snapshotBut(-1);
	}

	/** The same, leaving out one table. */
	private Map<String, String> snapshotBut(String leftOut) {
		Map<String, String> sums = snapshotBut(-1);
		sums.remove(leftOut);
		return sums;
	}

	/**
	 * The same, leaving out one account's own row. A token's last use is bookkeeping of
	 * the request itself, not a record: it is left out of api_token.
	 */
	private Map<String, String> snapshotBut(long accountId) {
		List<String> tables = this.jdbc
			.sql("select table_name from information_schema.tables "
					+ "where table_schema = current_schema() and table_type = 'BASE TABLE' and " + NOT_RECORDS)
			.query(String.class)
			.list();
		assertThat(tables).as("the application's tables")
			.contains("account", "cutover", "cutover_role", "step_state", "timeline_entry", "gate_result", "evidence",
					"decision", "rollback_trigger", "sign_off", "risk", "api_token", "api_idempotency");
		Map<String, String> sums = new TreeMap<>();
		for (String table : tables) {
			String where = table.equals("account") ? " where t.id <> " + accountId : "";
			String row = table.equals("api_token")
					? "(t.id, t.account_id, t.name, t.token_hash, t.scopes, t.expires_at, t.revoked_at)::text"
					: "t::text";
			sums.put(table,
					this.jdbc
						.sql("select count(*) || ' rows, md5 ' || coalesce(md5(string_agg(" + row + ", ',' order by "
								+ row + ")), '-') " + "from \"" + table.replace("\"", "\"\"") + "\" t" + where)
						.query(String.class)
						.single());
		}
		return sums;
	}

	private static Set<String> changed(Map<String, String> before, Map<String, String> after) {
		Set<String> tables = new TreeSet<>(after.keySet());
		tables.addAll(before.keySet());
		tables.removeIf((table) -> String.valueOf(before.get(table)).equals(String.valueOf(after.get(table))));
		return tables;
	}

	private String passwordHash(long accountId) {
		return this.jdbc.sql("select password_hash from account where id = ?")
			.param(accountId)
			.query(String.class)
			.single();
	}

	record Endpoint(HttpMethod method, String pattern, RequestMappingInfo info, HandlerMethod handler) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Endpoint that && this.method.equals(that.method)
					&& this.pattern.equals(that.pattern) && this.handler.getMethod().equals(that.handler.getMethod());
		}

		@Override
		public int hashCode() {
			return (this.method + " " + this.pattern + " " + this.handler.getMethod()).hashCode();
		}

		@Override
		public String toString() {
			return this.method + " " + this.pattern;
		}

		String described() {
			return this + " (" + this.handler.getShortLogMessage() + ")";
		}

	}

	record Form(Set<String> fields, Set<String> files) {
	}

	record Fixture(long cutoverId, String stepKey, String gateKey, String signOffKey, String riskKey, String triggerKey,
			String failureClassification, long assignmentId, long evidenceId, AccountView ic, AccountView spare,
			AccountView auditor, long auditorTokenId, String auditorToken) {
	}

}
