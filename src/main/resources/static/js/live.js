// T-Minus live updates: every open board sees a change within a second, without reload.
//
// Contract (server side: dev.tminus.live, GET /cutovers/{id}/events):
//
// - A page opts in with an element carrying the stream's URL:
//       <div data-live-url="/cutovers/42/events" data-live-topics="steps roles"></div>
//   and loads this script (<script src="/assets/js/live.js" defer>; no inline script, the CSP
//   forbids it). Elements with data-live-url that htmx swaps in later are connected too.
// - The stream sends Server-Sent Events: id = signal id, event = topic (steps, roles, status,
//   timeline, gates, ...), data = {"cutoverId":42,"topic":"steps","id":1234}. Events are
//   signals only, never content.
// - For every event of topic T, this script dispatches new CustomEvent('live:' + T) (detail =
//   the data) on document.body, so fragments refresh themselves through their normal,
//   permission-checked controllers:
//       <section hx-get="/cutovers/42/steps" hx-trigger="live:steps from:body">
// - EventSource only delivers named events to listeners of that name, so the script listens
//   to: the topics named in any hx-trigger on the page ("live:<topic>", re-scanned after each
//   htmx swap), those in data-live-topics (for plain JS listeners on document.body), and the
//   usual ones (steps roles status timeline gates).
// - When the connection is lost, a banner <div id="live-status"> (found, or created at the top
//   of the body) turns into a red "Connection lost — reconnecting…" bar; when the stream is
//   open again it is back to a small "Live" badge. The browser reconnects by itself and sends
//   Last-Event-ID, and the server first replays what was missed. If the browser gives up (an
//   HTTP error, e.g. during a restart), a new EventSource is opened with backoff and
//   ?lastEventId=<last id seen>. After a reconnect 'live:reconnected' is dispatched on
//   document.body as well, for fragments that prefer to refresh whatever happened.
// - When a reconnect fails, GET data-session-url (on the data-live-url element) tells whether
//   the session ended (expired, signed out elsewhere, password changed); then the banner says
//   so, with a link to data-sign-in-url, and keeps retrying in case the viewer signs in again
//   in another tab.
(function () {
	'use strict';

	var DEFAULT_TOPICS = ['steps', 'roles', 'status', 'timeline', 'gates'];
	var TOPIC = /^[a-z][a-z0-9-]{0,30}$/;
	var TRIGGER_TOPIC = /live:([a-z][a-z0-9-]{0,30})/g;
	var streams = [];

	function banner() {
		var el = document.getElementById('live-status');
		if (!el) {
			el = document.createElement('div');
			el.id = 'live-status';
			el.hidden = true;
			document.body.insertBefore(el, document.body.firstChild);
		}
		el.setAttribute('role', 'status');
		el.setAttribute('aria-live', 'polite');
		return el;
	}

	function showState() {
		var lost = streams.some(function (stream) { return stream.lost; });
		var signedOut = streams.some(function (stream) { return stream.signedOut; });
		var el = banner();
		el.textContent = lost ? 'Connection lost \u2014 reconnecting\u2026' : 'Live';
		if (signedOut) {
			el.textContent = 'You are signed out \u2014 this board is no longer live. ';
			var link = document.createElement('a');
			link.href = signInUrl();
			link.textContent = 'Sign in again';
			el.appendChild(link);
		}
		el.className = lost ? 'is-lost' : 'is-live';
		if (signedOut) el.className += ' is-signed-out';
		el.setAttribute('role', lost ? 'alert' : 'status');
		el.hidden = false;
	}

	function signInUrl() {
		var anchor = document.querySelector('[data-sign-in-url]');
		return anchor ? anchor.getAttribute('data-sign-in-url') : '/login';
	}

	function topicsOnPage(root) {
		var topics = DEFAULT_TOPICS.slice();
		root.querySelectorAll('[hx-trigger*="live:"], [data-hx-trigger*="live:"]').forEach(function (el) {
			var trigger = el.getAttribute('hx-trigger') || el.getAttribute('data-hx-trigger') || '';
			var match;
			TRIGGER_TOPIC.lastIndex = 0;
			while ((match = TRIGGER_TOPIC.exec(trigger)) !== null) {
				topics.push(match[1]);
			}
		});
		root.querySelectorAll('[data-live-topics]').forEach(function (el) {
			el.getAttribute('data-live-topics').split(/\s+/).forEach(function (topic) {
				if (TOPIC.test(topic)) topics.push(topic);
			});
		});
		return topics;
	}

	function relay(event) {
		var detail = null;
		try {
			detail = JSON.parse(event.data);
		} catch (ignored) {
			// a signal without readable data is still a signal
		}
		document.body.dispatchEvent(new CustomEvent('live:' + event.type, { bubbles: true, detail: detail }));
	}

	function Stream(url, sessionUrl) {
		this.url = url;
		this.sessionUrl = sessionUrl;
		this.signedOut = false;
		this.topics = {};
		this.lastEventId = null;
		this.lost = false;
		this.retryDelay = 1000;
		this.open();
	}

	Stream.prototype.open = function () {
		var self = this;
		var url = this.url;
		if (this.lastEventId) {
			url += (url.indexOf('?') < 0 ? '?' : '&') + 'lastEventId=' + encodeURIComponent(this.lastEventId);
		}
		var source = new EventSource(url);
		this.source = source;
		source.addEventListener('open', function () {
			var wasLost = self.lost;
			self.lost = false;
			self.signedOut = false;
			self.retryDelay = 1000;
			showState();
			if (wasLost) {
				document.body.dispatchEvent(new CustomEvent('live:reconnected', { bubbles: true }));
			}
		});
		source.addEventListener('error', function () {
			self.lost = true;
			showState();
			if (source.readyState === EventSource.CLOSED) {
				// the browser gave up (HTTP error): try again ourselves, without hammering
				source.close();
				self.checkSession();
				setTimeout(function () { if (self.source === source) self.open(); }, self.retryDelay);
				self.retryDelay = Math.min(self.retryDelay * 2, 30000);
			}
		});
		Object.keys(this.topics).forEach(function (topic) { self.subscribe(source, topic); });
	};

	// An expired or ended session makes every reconnect fail the same way: ask the server
	// whether we are still signed in and, if not, say so instead of retrying in silence.
	Stream.prototype.checkSession = function () {
		var self = this;
		if (!this.sessionUrl || !window.fetch) return;
		fetch(this.sessionUrl, { redirect: 'manual', credentials: 'same-origin', cache: 'no-store' })
			.then(function (response) {
				var out = response.type === 'opaqueredirect' || response.status === 401 || response.status === 403;
				if (out !== self.signedOut) {
					self.signedOut = out;
					showState();
				}
			})
			.catch(function () {
				// the server is down: the "reconnecting" banner already says what is known
			});
	};

	Stream.prototype.subscribe = function (source, topic) {
		var self = this;
		source.addEventListener(topic, function (event) {
			if (event.lastEventId) self.lastEventId = event.lastEventId;
			relay(event);
		});
	};

	Stream.prototype.listen = function (topics) {
		var self = this;
		topics.forEach(function (topic) {
			if (!self.topics[topic]) {
				self.topics[topic] = true;
				self.subscribe(self.source, topic);
			}
		});
	};

	function connect(root) {
		root.querySelectorAll('[data-live-url]').forEach(function (el) {
			if (el.dataset.liveConnected) return;
			el.dataset.liveConnected = 'true';
			streams.push(new Stream(el.getAttribute('data-live-url'), el.getAttribute('data-session-url')));
		});
		var topics = topicsOnPage(document);
		streams.forEach(function (stream) { stream.listen(topics); });
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', function () { connect(document); });
	} else {
		connect(document);
	}
	document.addEventListener('htmx:afterSettle', function () { connect(document); });
})();
