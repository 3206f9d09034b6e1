// T-Minus page behaviour. No inline script anywhere (the CSP forbids it): pages opt in
// with data attributes.
(function () {
	'use strict';

	// <time datetime="2026-11-22T03:00:00Z" data-local> gets the viewer's local time beside UTC.
	function showLocalTimes(root) {
		root.querySelectorAll('time[data-local]').forEach(function (el) {
			if (el.dataset.localDone) return;
			var when = new Date(el.getAttribute('datetime'));
			if (isNaN(when)) return;
			var local = document.createElement('span');
			local.className = 'local-time';
			local.textContent = ' (' + when.toLocaleString(undefined, {
				month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'
			}) + ')';
			el.after(local);
			el.dataset.localDone = 'true';
		});
	}

	// <form data-confirm="Sign GO?"> asks before it submits.
	document.addEventListener('submit', function (event) {
		var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
		if (message && !window.confirm(message)) {
			event.preventDefault();
		}
	}, true);

	// The running T-minus clock: <span class="tminus-clock" data-t0="2026-11-22T21:00:00Z">.
	function pad(n) { return n < 10 ? '0' + n : '' + n; }
	function tickClocks() {
		document.querySelectorAll('.tminus-clock[data-t0]').forEach(function (el) {
			var t0 = Date.parse(el.getAttribute('data-t0'));
			if (isNaN(t0)) return;
			var diff = Math.round((Date.now() - t0) / 1000);
			var sign = diff < 0 ? 'T-' : 'T+';
			var s = Math.abs(diff);
			var days = Math.floor(s / 86400);
			var text = sign + (days > 0 ? days + 'd ' : '') + pad(Math.floor(s % 86400 / 3600)) + ':' + pad(Math.floor(s % 3600 / 60)) + ':' + pad(s % 60);
			el.textContent = text;
			el.classList.toggle('after-t0', diff >= 0);
		});
	}

	// Code blocks in step instructions get a copy button (commands are copy-ready).
	function addCopyButtons(root) {
		root.querySelectorAll('.instructions pre').forEach(function (pre) {
			if (pre.dataset.copyReady) return;
			pre.dataset.copyReady = 'true';
			var button = document.createElement('button');
			button.type = 'button';
			button.className = 'small copy-button';
			button.textContent = 'Copy';
			button.addEventListener('click', function () {
				var text = pre.querySelector('code') ? pre.querySelector('code').textContent : pre.textContent;
				var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
				if (navigator.clipboard && window.isSecureContext) {
					navigator.clipboard.writeText(text).then(done);
				} else {
					var area = document.createElement('textarea');
					area.value = text; document.body.appendChild(area); area.select();
					try { document.execCommand('copy'); done(); } finally { area.remove(); }
				}
			});
			pre.before(button);
		});
	}

	// The step record dialog: opened by buttons with data-open-dialog once htmx loaded the
	// form into it; closed by [data-close-dialog] or once the step is recorded.
	document.addEventListener('click', function (event) {
		var opener = event.target.closest && event.target.closest('[data-open-dialog]');
		if (opener) {
			var dialog = document.getElementById(opener.getAttribute('data-open-dialog'));
			if (dialog && !dialog.open) dialog.showModal();
		}
		if (event.target.closest && event.target.closest('[data-close-dialog]')) {
			var open = event.target.closest('dialog');
			if (open) open.close();
		}
	});
	document.addEventListener('htmx:afterSettle', function (event) {
		var body = document.getElementById('step-form-body');
		if (body && body.dataset.recorded === 'true') {
			var dialog = body.closest('dialog');
			if (dialog && dialog.open) dialog.close();
		}
	});

	// A UTC input shows what it means in the viewer's zone while typing.
	document.addEventListener('input', function (event) {
		if (!event.target.hasAttribute || !event.target.hasAttribute('data-utc-preview')) return;
		var out = document.querySelector('[data-utc-preview-for="' + event.target.name + '"]');
		if (!out) return;
		var value = event.target.value.trim();
		var when = /(Z|[+-]\d\d:\d\d)$/.test(value) ? new Date(value) : null;
		out.textContent = when && !isNaN(when) ? 'Your local time: ' + when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' })
			: 'Use UTC with a Z at the end, e.g. 2026-11-22T21:00:00Z.';
	});

	document.addEventListener('DOMContentLoaded', function () {
		showLocalTimes(document);
		addCopyButtons(document);
		tickClocks();
		setInterval(tickClocks, 1000);
	});
	document.addEventListener('htmx:afterSettle', function (event) {
		showLocalTimes(event.target);
		addCopyButtons(event.target);
		tickClocks();
	});
	window.TMinus = { showLocalTimes: showLocalTimes };
})();
